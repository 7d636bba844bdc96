/* SPDX-License-Identifier: GPL-2.0 */
/* Surprise removal: learning that a PDO is being deleted. */
#ifndef _IFREG_REMOVAL_H
#define _IFREG_REMOVAL_H

struct device;

int ifreg_removal_init(void);
void ifreg_removal_exit(void);
int ifreg_removal_watch(struct device *pdo);

#endif /* _IFREG_REMOVAL_H */

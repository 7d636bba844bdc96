/* SPDX-License-Identifier: GPL-2.0 */
/* /proc/net/ifreg/ndis, in every network namespace. */
#ifndef _IFREG_NDIS_PROC_H
#define _IFREG_NDIS_PROC_H

int ifreg_ndis_proc_init(void);
void ifreg_ndis_proc_exit(void);

#endif /* _IFREG_NDIS_PROC_H */

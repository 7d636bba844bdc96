/* SPDX-License-Identifier: GPL-2.0 */
/* Module-wide settings and the count of objects whose release is pending. */
#ifndef _IFREG_MAIN_H
#define _IFREG_MAIN_H

extern unsigned int ifreg_max_ndis_interfaces;
extern unsigned int ifreg_max_luid_index;
extern unsigned int ifreg_max_luid_indexes;

#endif /* _IFREG_MAIN_H */

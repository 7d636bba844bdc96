/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small streaming JSON writer for ifregctl's --json output, in the manner
 * of iproute2's json_print: objects and arrays nest, commas and escaping
 * (symbolic links are full of backslashes) are the writer's business, and
 * so is --pretty's indentation (as `ip -j -p` indents).
 */
#ifndef _IFREGCTL_JSON_H
#define _IFREGCTL_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

void json_set_pretty(bool pretty);
void json_open_object(FILE *f, const char *key);
void json_close_object(FILE *f);
void json_open_array(FILE *f, const char *key);
void json_close_array(FILE *f);
void json_string(FILE *f, const char *key, const char *val);
void json_uint(FILE *f, const char *key, uint64_t val);
void json_bool(FILE *f, const char *key, bool val);
void json_end(FILE *f);

#endif /* _IFREGCTL_JSON_H */

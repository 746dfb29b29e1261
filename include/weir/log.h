/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Console messages. Every line weir prints starts with "weir: ". */
#ifndef WEIR_LOG_H
#define WEIR_LOG_H

#include <stdio.h>

#define pr_info(fmt, ...) printf("weir: " fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) printf("weir: warning: " fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...) printf("weir: error: " fmt, ##__VA_ARGS__)

#endif

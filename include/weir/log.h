/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Console messages. Every line weir prints starts with "weir: ". */
#ifndef WEIR_LOG_H
#define WEIR_LOG_H

#include <stdio.h>
#include <weir/types.h>

#define pr_info(fmt, ...) printf("weir: " fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...) printf("weir: warning: " fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...) printf("weir: error: " fmt, ##__VA_ARGS__)

/*
 * Log budgets, for lines a guest can trigger at will (a refused access,
 * an instruction weir does not emulate): the first LOG_BUDGET_FIRST events
 * of a kind print their line, after that one event in LOG_BUDGET_EVERY
 * does, saying how many lines were suppressed since the last one. Each
 * partition has its own budget per kind (struct partition's log[]), so a
 * guest that floods uses up its own lines, never a neighbour's, and the
 * console time it costs is bounded to 1/LOG_BUDGET_EVERY of its events.
 * Linux's printk_ratelimit() counts in time; this counts events, so a
 * test (and a log read after the fact) sees the same lines on any host.
 */
#define LOG_BUDGET_FIRST 8
#define LOG_BUDGET_EVERY 256

struct log_budget {
	u32 events;	/* events seen, saturating at UINT32_MAX */
	u32 suppressed; /* lines not printed since the last one */
};

/* Room for the note log_budget_take() writes (" (4294967295 suppressed)"). */
#define LOG_BUDGET_NOTE 32

/**
 * log_budget_take() - count one event of @b and say whether to print it
 * @b: the budget (zeroed: nothing seen yet)
 * @note: LOG_BUDGET_NOTE bytes; set to "" or " (N suppressed)", N being
 *        the lines suppressed since the last printed one, to end the line
 *
 * Return: true when the event's line is to be printed (with @note), false
 * when it is suppressed (counted for the next printed line's note).
 */
bool log_budget_take(struct log_budget *b, char *note);

#endif

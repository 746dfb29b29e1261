// SPDX-License-Identifier: GPL-2.0-or-later
/* Log budgets (include/weir/log.h). */
#include <weir/log.h>

bool log_budget_take(struct log_budget *b, char *note)
{
	note[0] = '\0';
	if (b->events != UINT32_MAX)
		b->events++;
	if (b->events > LOG_BUDGET_FIRST && b->events % LOG_BUDGET_EVERY) {
		if (b->suppressed != UINT32_MAX)
			b->suppressed++;
		return false;
	}
	if (b->suppressed)
		snprintf(note, LOG_BUDGET_NOTE, " (%u suppressed)",
			 (unsigned int)b->suppressed);
	b->suppressed = 0;
	return true;
}

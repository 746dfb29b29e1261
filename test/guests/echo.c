// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * echo: prints "echo: <line>" for every line read from its console.
 * Lines starting with '!' are then run as partition-control commands:
 *
 *   !status <id>    status <id> = <r3>/<r4>   FH_PARTITION_GET_STATUS
 *   !stop <id>      stop <id> = <r3>          FH_PARTITION_STOP
 *   !restart <id>   restart <id> = <r3>       FH_PARTITION_RESTART
 *   !reset          reset = <r3>              FH_SYSTEM_RESET
 *
 * <id> is a number (0x.. allowed), -1 meaning this partition. Only a
 * manager partition may stop or restart others.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guest.h"

static void command(char *cmd)
{
	char *arg = cmd, *end;
	long id = 0;
	bool have_id;
	u32 st, v = 0;

	while (*arg && *arg != ' ')
		arg++;
	if (*arg)
		*arg++ = '\0';
	while (*arg == ' ')
		arg++;
	id = strtol(arg, &end, 0);
	have_id = end != arg;

	if (!strcmp(cmd, "reset")) {
		st = fh_system_reset();
		printf("reset = %u\n", (unsigned)st);
	} else if (!have_id && (!strcmp(cmd, "status") || !strcmp(cmd, "stop") ||
				!strcmp(cmd, "restart"))) {
		printf("usage: !%s <id>\n", cmd);
	} else if (!strcmp(cmd, "status")) {
		st = fh_partition_get_status((u32)id, &v);
		printf("status %ld = %u/%u\n", id, (unsigned)st, (unsigned)v);
	} else if (!strcmp(cmd, "stop")) {
		st = fh_partition_stop((u32)id);
		printf("stop %ld = %u\n", id, (unsigned)st);
	} else if (!strcmp(cmd, "restart")) {
		st = fh_partition_restart((u32)id);
		printf("restart %ld = %u\n", id, (unsigned)st);
	} else {
		printf("unknown command !%s\n", cmd);
	}
}

static void line_done(char *line)
{
	printf("echo: %s\n", line);
	if (line[0] == '!')
		command(line + 1);
}

void guest_main(void *fdt)
{
	char line[256], buf[16];
	size_t len = 0;
	char prev = 0;
	u32 st;
	int i, n;

	st = console_enable_rx_irq();
	if (st == EV_SUCCESS)
		printf("echo: console input by interrupt (irq %u)\n",
		       (unsigned)guest.console_rx_irq);
	else
		printf("echo: console input by polling (%s)\n", ev_strerror(st));
	printf("echo: ready\n");

	for (;;) {
		n = console_read(buf, sizeof(buf), true);
		for (i = 0; i < n; i++) {
			char c = buf[i];

			if (c == '\n' && prev == '\r') {
				prev = c;		/* CR LF: one line end */
				continue;
			}
			prev = c;
			if (c == '\r' || c == '\n') {
				line[len] = '\0';
				line_done(line);
				len = 0;
			} else if (c == '\b' || c == 0x7f) {
				if (len)
					len--;
			} else if (len < sizeof(line) - 1) {
				line[len++] = c;
			}
		}
	}
}

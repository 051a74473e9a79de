/* vaslint: lint the virtual address space of a program before it runs.
 * main only finds the subcommand; each one lives in cmd_<name>.c. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} commands[] = {
    {"check", cmd_check,
     "check ELF images and linker scripts against a layout"},
    {"fix", cmd_fix, "move a linker script's image to a legal place"},
    {"plan", cmd_plan, "place image, regions and requests at low mapping cost"},
    {"map", cmd_map, "print every address range vaslint evaluated"},
    {"layouts", cmd_layouts, "list the shipped platform layouts, or show one"},
    {"explain", cmd_explain, "say what a rule means, why, and how to fix it"},
};

static void usage(FILE *f)
{
	fputs("usage: vaslint COMMAND [OPTION]... [INPUT]...\n"
	      "\n"
	      "vaslint finds link addresses that sit where the platform keeps\n"
	      "something else (a VMM's guest shadow, the thread context area,\n"
	      "the end of user space) before the program runs.\n"
	      "\n"
	      "Commands:\n",
	      f);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-9s %s\n", commands[i].name,
			commands[i].summary);
	fputs("\n'vaslint COMMAND --help' tells more about each; "
	      "'vaslint --version'\n"
	      "prints the version.\n"
	      "Exit status: 0 clean, 1 errors found, 2 the run could not be "
	      "done.\n",
	      f);
}

/* Output that did not reach stdout is a failed run, however the command
 * ended: a full disk or a closed stdout must not read as "no findings".  A
 * command that failed has said why already, and one line is enough. */
static int finish(int status)
{
	bool bad = fflush(stdout) != 0;
	int e = bad ? errno : 0;

	bad |= ferror(stdout) != 0;
	/* EBADF: stdout was closed, and nothing was written to it. */
	if (fclose(stdout) != 0 && !bad && errno != EBADF) {
		bad = true;
		e = errno;
	}
	if (!bad || status == VL_EXIT_INPUT)
		return status;
	if (e)
		cli_errorf("cannot write the output: %s", strerror(e));
	else
		cli_errorf("cannot write the output");
	return VL_EXIT_INPUT;
}

static int run(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return VL_EXIT_INPUT;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			char *help_argv[] = {argv[2], "--help", NULL};
			for (size_t i = 0;
			     i < sizeof(commands) / sizeof(commands[0]); i++)
				if (strcmp(argv[2], commands[i].name) == 0)
					return commands[i].run(2, help_argv);
		}
		usage(stdout);
		return VL_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("vaslint %s\n", VASLINT_VERSION);
		return VL_EXIT_OK;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	cli_errorf("unknown command '%s' (see 'vaslint --help')", argv[1]);
	return VL_EXIT_INPUT;
}

int main(int argc, char **argv)
{
	/* Fully buffered, in one piece: a help text or report that cannot be
	 * written fails at the flush in finish(), which still knows why. */
	static char out[1 << 16];
	setvbuf(stdout, out, _IOFBF, sizeof(out));
	return finish(run(argc, argv));
}

/* Writers: diagnostics to text (GCC style), JSON and SARIF 2.1.0. */
#ifndef VASLINT_REPORT_H
#define VASLINT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include <jansson.h>

#include "diag.h"
#include "layout.h"

#define VASLINT_VERSION "0.1.0"

typedef enum report_format {
	REPORT_TEXT,
	REPORT_JSON,
	REPORT_SARIF,
} report_format;

/* What a report says about the run besides its findings. */
typedef struct report_run {
	const layout *layout; /* NULL: checked without a platform */
	bool color;           /* text only: ANSI colours */
} report_run;

/* Each returns false when writing failed (errno set). */
bool report_text(FILE *f, const vl_diags *d, const report_run *run);
bool report_json(FILE *f, const vl_diags *d, const report_run *run);
bool report_sarif(FILE *f, const vl_diags *d, const report_run *run);
bool report_write(FILE *f, report_format fmt, const vl_diags *d,
		  const report_run *run);

/* {"NAME": "0x..."} for every layout parameter; {} without a layout. */
json_t *report_params_json(const layout *l);

#endif

/** Help texts of the command line, one per command. */
export const HELP = {
  main: `servicemaal — service-target compliance for case processing

Usage:
  servicemaal <command> [options]

Commands:
  evaluate   Evaluate a plan on case, contact and observation files
  report     The quarterly report as of a date: quarters, months, year-end forecast,
             cases at risk, backlog, processing times, points (English or Danish)
  validate   Check a file and report every invalid row (no evaluation)
  pending    List the cases pending at a date, soonest due first
  plans      List the bundled plans; 'plans show <id>' shows one

Options:
  -h, --help     Show help (also after a command: servicemaal evaluate --help)
  -v, --version  Show the version

Exit codes:
  0  done (evaluated, valid)
  1  usage error (unknown option, missing argument, unreadable file, bad plan) or a
     result that cannot be written (full disk, missing folder)
  2  invalid rows present (the report is still written unless --strict)

Output: CSV cells that begin with =, +, -, @, a tab or a carriage return get a ' in front
(no spreadsheet formulas from the data); tables, Markdown and messages show control characters
as escapes (\\n, \\u001b). --out writes to a temporary file renamed when complete.`,

  evaluate: `Usage:
  servicemaal evaluate --plan <id|file.json> [options] <cases...>

Evaluates a plan: shares within the limits, tiers met, points. Inputs are CSV (comma or
semicolon, detected), Excel workbooks (.xlsx, known by their content), JSON arrays or NDJSON;
'-' reads standard input.

Options:
  --plan <id|file>        A bundled plan id (servicemaal plans) or a plan JSON file (required)
  --period <period>       2023, 2023-H2, 2023-Q3, 2023-07 or from..to (default: the plan's year)
  --as-of <date>          Evaluate the period up to this date (year to date)
  --contacts <file>       Contact records (waiting times), for plans with such targets;
                          may be given several times: the files are read in order
  --observations <file>   Observation records (appointment availability); may be given
                          several times
  --observation-gaps <p>  not-within (default) or exclude: whether a working day without an
                          observation of a centre counts as not within (the plans ask for a
                          share of all weekdays) or is left out of the share; either way the
                          report lists the gaps
  --format <format>       table (default), json, csv, markdown, html (one self-contained
                          page with charts of the shares and of the times to a decision) or
                          xlsx (an Excel workbook, a sheet per table; needs --out)
  --locale <locale>       en (default) or da: the report in Danish, every word, with
                          85,3 % and 12.345 (CSV: ; and decimal commas)
  --bom, --no-bom         Start CSV output with a UTF-8 byte-order mark, so that Excel reads
                          æøå right (default: with --locale da only)
  --out <file>            Write the report to a file instead of standard output (written
                          whole or not at all: a previous file stays until the new one is done)
  --map <pairs>           Column mapping, field=column pairs for any record field, e.g.
                          id=Sagsnr,caseType=Sagstype,applied=Modtaget,decided=Afgjort;
                          also events.<name>=column, withoutTarget=column (true/false after
                          --codes), and attributes: attributes.team=Enhed, or a name that is
                          no record field, such as applicationKind=Ansøgningstype
  --codes <file>          The agency's codes of any field: rows field;code;value (CSV, a
                          header felt;kode;værdi is skipped) or JSON { field: { code: value } },
                          e.g. applicationKind;Forlængelse;extension, withoutTarget;Nej;true;
                          values without a code are read as they are, with a warning
  --case-types <file>     Mapping of the agency's case-type codes to catalogue ids (JSON or CSV
                          code;caseType): the codes of caseType, as with --codes
  --delimiter <char>      CSV separator (default: detected from the header)
  --encoding <name>       Text encoding of every file read (inputs, --codes, --case-types,
                          a plan file), e.g. windows-1252 (default: UTF-8; not for workbooks)
  --sheet <name|number>   The sheet of a workbook to read (default: the first)
  --skip-rows <n>         The rows above a workbook's header (default: the header is found,
                          the first of the first 20 rows naming the mapped columns)
  --missing-attributes <policy>
                          What a case lacking an attribute that a target's scope tests
                          (applicationKind: first-time or extension) counts as: in-scope
                          (default), out-of-scope or invalid; a warning says when no
                          column feeds such an attribute
  --strict                Stop before evaluating when any row is invalid (exit 2)
  --max-problems <n>      List at most n problems in the report (default 1000; 0: all); the
                          counts per problem code stay exact, and the report says how many more
  --group-scoring <rules> Scoring rules for groups weighted as a whole, e.g. 1.1=share-of-tiers
  --results <file>        Results of requirements not evaluated from the data: a JSON object
                          ({ "2.3": { "met": true } } or { "2.1": { "points": 2.5 } }) or CSV
                          with the header requirement;met or requirement;points (--encoding
                          applies)
  --threads <1|2>         2 (the default on a machine with two or more cores) reads the end of a
                          CSV file of cases from 16 MiB on a second thread; 1 reads in one pass
  --duplicates <which>    first (default) or last: which record of a repeated case id counts
                          (the others are invalid rows, duplicate_record, naming the one that
                          counts); last reads the case files twice, so not from standard input
  --cases-out <file>      Also write the cases behind the report as CSV: one row per case
                          record (file, line, bucket and reason, days, and per tier whether it
                          is within), so that any figure can be recounted; written even with
                          --strict; reads every case as a record (slower on large files)
  --by <attribute>        Break every share tier down by an attribute (team, read from the
                          column of attributes.team in --map) or by caseType: measured, within,
                          share and met per value, after the report (in every format)
  --engine duckdb         Let DuckDB read the case file (one .csv or .parquet file) and run
                          the plan's query: the same report, from the engine's rows (see
                          docs/at-scale.md); needs @duckdb/node-api installed. --map,
                          --case-types, --codes and --delimiter apply
  --database <db>         Read a table instead of files: postgres://user@host:port/db (needs
                          pg and pg-cursor installed) or, with --engine duckdb, a DuckDB file
  --table <name>          The table of the case records (schema.table allowed)
  --order <column>        The column that orders a table's records (positions in problems,
                          which record of a repeated id counts); without it, the engine's order
  --dates <kind>          How a table's date columns hold dates: text, date or timestamp
                          (default: from the column types)
  -h, --help              Show this help

Case files, --contacts and --observations may be given several times; every other option
once (giving it twice is a usage error). With --engine or --database only case records are
read: --contacts, --observations, --cases-out, --by, --threads, --encoding, --sheet and
--skip-rows are refused.`,

  report: `Usage:
  servicemaal report --plan <id|file.json> --as-of <date> [options] <cases...>

The quarterly report to the ministry as of a date: the period so far and each quarter and
month decided so far (shares per requirement), the expected result at the period's end
(lowest, expected and highest share, cases still needed, met / lost / open) with the further
cases expected estimated from the data, the open cases at risk, the case flow (incoming,
decided, pending, clearance rate), processing times, points with their scoring rules, the
input files with their SHA-256, and every assumption. Every word in English or Danish. A
requirement is called met or lost only when that holds whatever the further cases.

Options:
  --plan <id|file>        A bundled plan id or a plan JSON file (required)
  --as-of <date>          The day of the report (required): nothing later is used
  --period <period>       The plan period (default: the plan's year), as for evaluate
  --inflow <n|pairs|none> The further cases expected (applied after --as-of, decided within
                          the period): a number for every case target, target=n pairs such
                          as fast-track=120,eu=900 (the others estimated), or none. Default:
                          estimated per target from the data: the same stretch of the
                          previous year when the data reaches back a year, else the
                          applications of the last 8 weeks at their weekly rate
  --at-risk-days <n>      Open cases due within n days (and overdue ones) are at risk
                          (default 14)
  --format <format>       table (default), markdown, csv (every table, one after another),
                          json (the report's data), html (one self-contained page with trend
                          charts, printable on A4) or xlsx (an Excel workbook, a sheet per
                          table; needs --out)
  --timestamp             With html: write the time the report was made (UTC); without it the
                          same inputs give the same bytes
  --locale <locale>       en (default) or da: every word in Danish, 85,3 % and 12.345; CSV
                          with ; and a byte-order mark
  --bom, --no-bom         Start CSV with a byte-order mark (for Excel) in English too, or
                          leave it out in Danish
  --out <file>            Write to a file instead of standard output (whole or not at all)
  --contacts <file>       Contact records, as for evaluate (may be given several times)
  --observations <file>   Observation records, as for evaluate (may be given several times)
  --observation-gaps <p>  not-within (default) or exclude, as for evaluate
  --group-scoring <rules> Scoring rules for groups weighted as a whole, e.g. 1.1=share-of-tiers
  --results <file>        Results of requirements not evaluated from the data, as for evaluate
  --missing-attributes <policy>  in-scope (default), out-of-scope or invalid, as for evaluate
  --duplicates <which>    first (default) or last, as for evaluate
  --strict                Write no report when any row is invalid (exit 2)
  --max-problems <n>      List at most n problems (default 1000; 0: all)
  --map, --codes, --case-types, --delimiter, --encoding   As for evaluate
  -h, --help              Show this help

The files are read into memory whole. Invalid rows are listed on standard error by file and
line, left out of every figure, and end in exit code 2.`,

  validate: `Usage:
  servicemaal validate [options] <file>

Reads a file and reports every invalid row with its line number, column, value and reason (the
first 1000 problems, then how many more; --max-problems changes this). The records are checked
as evaluate checks them (a repeated case id and a repeated observation of a centre and day
too); with --plan, also by the plan's own rules (a clock that would stop before it starts).
Exit code 0 when every row is valid, 2 otherwise.

Options:
  --kind <kind>           cases (default), contacts or observations
  --plan <id|file.json>   Also check what the plan's targets need (optional)
  --max-problems <n>      List at most n problems (default 1000; 0: all); the counts stay exact
  --duplicates <which>    first (default) or last: which record of a repeated case id is valid,
                          as for evaluate
  --missing-attributes <policy>
                          With --plan: in-scope (default), out-of-scope or invalid, as for
                          evaluate (invalid lists every case lacking a scoped attribute)
  --map <pairs>           Column mapping of any record field, as for evaluate
  --codes <file>          Codes of any field (field;code;value), as for evaluate
  --case-types <file>     Case-type code mapping, as for evaluate
  --delimiter <char>      CSV separator (default: detected)
  --encoding <name>       Text encoding of every file read, e.g. windows-1252 (default: UTF-8)
  --sheet, --skip-rows    The sheet of a workbook and the rows above its header, as for evaluate
  -h, --help              Show this help`,

  pending: `Usage:
  servicemaal pending --plan <id|file.json> --as-of <date> [options] <cases...>

Lists the cases pending at the date per target and tier, soonest due first, with their due
dates and the days remaining.

Options:
  --plan <id|file>        A bundled plan id or a plan JSON file (required)
  --as-of <date>          The date (required)
  --within-days <n>       Only cases with at most n days remaining (overdue ones included)
  --max-problems <n>      List at most n problems (default 1000; 0: all); the counts stay exact
  --duplicates <which>    first (default) or last: which record of a repeated case id counts,
                          as for evaluate
  --format <format>       table (default), json, csv or markdown
  --locale <locale>       en (default) or da
  --bom, --no-bom         A byte-order mark before CSV, as for evaluate
  --out <file>            Write to a file instead of standard output (whole or not at all)
  --map, --codes, --case-types, --delimiter, --encoding, --sheet, --skip-rows
                          As for evaluate
  -h, --help              Show this help

Several case files are read in order. Every option may be given once.`,

  plans: `Usage:
  servicemaal plans                 List the bundled plans
  servicemaal plans show <id>       Show a plan: targets, tiers, weights, groups and sources

Options:
  --format <format>       table (default) or markdown (show); json for the plan data
  -h, --help              Show this help`,
} as const;

"""Git history, mined once per run (and cached by commit) into a `History`
value that every consumer reads: rules, report, whatif, trend and the site."""

"""`python -m kb`: the `kb` command (cli.entry). The one module of kb/ that imports the command line above it."""

from cli.entry import main

main()

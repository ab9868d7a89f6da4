"""`python -m cli`: the `kb` command."""

from cli.entry import main

main()

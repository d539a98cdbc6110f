"""`python -m dsfacts` runs the command line."""

from dsfacts.cli import main

main()

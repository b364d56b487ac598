"""`python -m quotecli`: the same as the `quotes` command."""

from quotecli.cli import cli

if __name__ == "__main__":
    cli(prog_name="quotes")

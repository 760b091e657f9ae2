"""`dxdesk` command-line entry point."""

from bot.app.cli import main

if __name__ == "__main__":
    main()

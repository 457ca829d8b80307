"""The `posdesk` command: no arguments opens the GUI, subcommands work headless."""

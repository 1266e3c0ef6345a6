"""The `huanjie` command line: argparse commands that call the app layer and print results."""

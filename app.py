"""`python app.py` is `qa serve`: the chat page, REST API and embeddable widget."""
import sys

from qa.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))

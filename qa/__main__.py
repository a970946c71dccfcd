from qa.cli import main

if __name__ == "__main__":   # guarded: a spawned child process (qa.ingest.apart) imports this module again
    raise SystemExit(main())

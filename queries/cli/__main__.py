from queries.cli import main

main()

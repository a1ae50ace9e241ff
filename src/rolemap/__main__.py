from rolemap.cli import main

main()

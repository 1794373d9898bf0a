from timeline.program import main

main()

import ArchDecideCLI

ArchDecide.main()

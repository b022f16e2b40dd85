import HVHardenCLI

HVHarden.main()

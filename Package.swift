// swift-tools-version:6.0
import PackageDescription

// The pipeline, innermost first (docs/architecture.md):
//   Compiler → Planner → Applier      pure: values in, values out, the world behind protocols
//   XMLKit, HostModel, Digests        values and small C wrappers the pure targets may use
//   Host → LiveHost                   the edge: libvirt and Augeas, and the adapters that
//                                     implement the Planner's and the Applier's protocols
//   HVHardenCLI → hvharden            the command line
let package = Package(
    name: "hvharden",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hvharden", targets: ["hvharden"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CLibvirt", pkgConfig: "libvirt", providers: [.apt(["libvirt-dev"])]),
        .systemLibrary(name: "CAugeas", pkgConfig: "augeas", providers: [.apt(["libaugeas-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // glibc's malloc.h (malloc_trim), part of libc6-dev.
        .systemLibrary(name: "CMalloc"),

        .target(name: "Digests", dependencies: ["COpenSSL"]),
        .target(name: "XMLKit", dependencies: ["CLibXML2"]),
        .target(name: "HostModel"),
        .target(name: "Compiler", dependencies: ["Digests", .product(name: "Yams", package: "Yams")]),
        .target(name: "Planner", dependencies: ["Compiler", "XMLKit", "HostModel", "Digests", "CMalloc"]),
        .target(name: "Applier", dependencies: ["Planner", "Digests"]),

        .target(name: "Host", dependencies: ["CLibvirt", "CAugeas", "CLibXML2", "XMLKit", "HostModel"]),
        .target(name: "LiveHost", dependencies: ["Host", "Planner", "Applier", "Digests"]),

        .target(
            name: "HVHardenCLI",
            dependencies: [
                "Compiler", "Planner", "Applier", "LiveHost", "Digests",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "hvharden", dependencies: ["HVHardenCLI"]),
        // The benchmark's floor reader and domain fixtures (bench/README.md); not part of the product.
        .executableTarget(
            name: "hvharden-floor",
            dependencies: [
                "Compiler", "Planner", "Host", "CLibvirt", "CLibXML2", "CAugeas",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "bench/floor"
        ),
        // Turns the catalogue's YAML into the compact JSON the binary embeds (scripts/generate-bundle.sh).
        .executableTarget(name: "hvharden-bundle-compactor", dependencies: ["Compiler"], path: "Tools/BundleCompactor"),
        // The command line with fault-injection hooks for the Applier's kill tests; tests only.
        .executableTarget(name: "hvharden-faults", dependencies: ["HVHardenCLI", "Applier"], path: "Tests/FaultInjector"),

        .target(name: "TestSupport", dependencies: ["Compiler", "Planner", "Applier", "Digests", "HostModel", "XMLKit"], path: "Tests/TestSupport"),
        .target(
            name: "LiveTestSupport",
            dependencies: ["LiveHost", "Host", "CLibvirt", "CAugeas", "HostModel", "XMLKit", "Digests", "Compiler", "Planner", "Applier", "TestSupport",
                           .product(name: "Yams", package: "Yams")],
            path: "Tests/LiveTestSupport"),
        .testTarget(name: "CompilerTests", dependencies: ["Compiler", "Digests", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "HostTests", dependencies: ["Host", "HostModel", "XMLKit", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "Compiler", "HostModel", "XMLKit", "Digests", "TestSupport"]),
        .testTarget(name: "ApplierTests", dependencies: ["Applier", "Planner", "Compiler", "HostModel", "XMLKit", "Digests", "TestSupport"]),
        .testTarget(
            name: "LiveHostTests",
            dependencies: ["LiveHost", "Host", "HostModel", "XMLKit", "Digests", "Compiler", "Planner", "Applier", "TestSupport", "LiveTestSupport"],
            exclude: ["Golden", "Fixtures"]),
        .testTarget(
            name: "CLITests",
            dependencies: ["HVHardenCLI", "LiveHost", "Host", "HostModel", "XMLKit", "Digests", "Compiler", "Planner", "Applier", "TestSupport", "LiveTestSupport"]),
        // Fuzzing (scripts/fuzz.sh): libFuzzer targets built with -DFUZZING; without it, reproducers.
        .target(name: "FuzzSupport", path: "Fuzz/Support"),
        .executableTarget(name: "FuzzProfileLoader", dependencies: ["Compiler", "FuzzSupport"], path: "Fuzz/ProfileLoader"),
        .executableTarget(name: "FuzzPlanFile", dependencies: ["Planner", "FuzzSupport"], path: "Fuzz/PlanFile"),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.0
import PackageDescription

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
        .target(name: "Compiler", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "Host", dependencies: ["CLibvirt", "CAugeas", "CLibXML2"]),
        .target(name: "Planner", dependencies: ["Compiler", "Host"]),
        .target(name: "Applier", dependencies: ["Planner", "Host"]),
        .executableTarget(
            name: "hvharden",
            dependencies: [
                "Compiler", "Planner", "Applier", "Host",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark's floor reader and domain fixtures (bench/README.md); not part of the product.
        .executableTarget(
            name: "hvharden-floor",
            dependencies: [
                "Compiler", "Planner", "Host",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "bench/floor"
        ),
        .testTarget(name: "CompilerTests", dependencies: ["Compiler"], exclude: ["Fixtures"]),
        .testTarget(name: "HostTests", dependencies: ["Host"], exclude: ["Fixtures"]),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "Compiler", "Host"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "ApplierTests", dependencies: ["Applier"]),
        // Fuzzing (scripts/fuzz.sh): libFuzzer targets built with -DFUZZING; without it, reproducers.
        .executableTarget(name: "FuzzProfileLoader", dependencies: ["Compiler"], path: "Fuzz/ProfileLoader"),
    ],
    swiftLanguageModes: [.v6]
)

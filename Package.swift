// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "RNNLab",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rnnlab", targets: ["rnnlab"]),
        .library(name: "RNNCore", targets: ["RNNCore"]),
        .library(name: "RNNTrace", targets: ["RNNTrace"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CGIF", path: "Sources/CGIF", providers: [.apt(["libgif-dev"])]),
        .systemLibrary(
            name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CLibDeflate", path: "Sources/CLibDeflate", pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]),
        // What a run records and the figures are drawn from (trace.json), with the names the
        // engine shares (cells, special tokens): plain values, depending on nothing.
        .target(name: "RNNTrace"),
        .target(
            name: "RNNCore",
            dependencies: ["RNNTrace"],
            // Float.squareRoot() is C's sqrtf from the standard library's shims. With errno
            // (C's default on Linux) every call checks its argument and may call libm, so
            // square roots of SIMD vectors are taken one lane at a time. Without errno they are
            // one vector instruction, correctly rounded all the same.
            swiftSettings: [.unsafeFlags(["-Xcc", "-fno-math-errno"])]),
        .target(name: "RNNLessons", dependencies: ["RNNCore", "RNNTrace", "Yams"]),
        .target(name: "RNNRender", dependencies: ["RNNTrace", "CCairo", "CGIF", "CZlib", "CLibDeflate"]),
        .executableTarget(
            name: "rnnlab",
            dependencies: [
                "RNNCore", "RNNTrace", "RNNLessons", "RNNRender",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "rnnlab-bench", dependencies: ["RNNCore", "RNNTrace", "RNNLessons", "RNNRender", "CZlib"], path: "Benchmarks/RNNBench"),
        .executableTarget(name: "kernel-bench", dependencies: ["RNNCore", "RNNTrace"], path: "Benchmarks/KernelBench"),
        // `make fuzz`: the parsers under libFuzzer (built with -sanitize=fuzzer -DLIBFUZZER), or
        // a seeded mutation test where libFuzzer is missing.
        .executableTarget(name: "rnnlab-fuzz", dependencies: ["RNNCore", "RNNTrace", "RNNLessons", "RNNRender"], path: "Fuzz/RNNLabFuzz"),
        .testTarget(
            name: "RNNCoreTests", dependencies: ["RNNCore", "RNNTrace"],
            resources: [.copy("Resources/parity")], swiftSettings: testCode),
        .testTarget(name: "RNNLessonsTests", dependencies: ["RNNLessons", "RNNCore", "RNNTrace"], swiftSettings: testCode),
        .testTarget(
            name: "RNNRenderTests", dependencies: ["RNNRender", "RNNTrace"], resources: [.copy("References")], swiftSettings: testCode),
        .testTarget(name: "rnnlabTests", dependencies: ["rnnlab"], swiftSettings: testCode),
    ]
)

// The tests' own code is compiled without optimization in the release build too: the suites that
// run there (make test's second part) spend their time in the optimized library they call, and
// optimizing the test code only lengthened the build.
var testCode: [SwiftSetting] { [.unsafeFlags(["-Onone"])] }

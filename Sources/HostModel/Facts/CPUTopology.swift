/// Counts of threads, cores and packages, from sysfs topology with a cpuinfo fallback.
///
/// Cores are counted as distinct `core_cpus_list` values (the threads sharing one core), which
/// is globally unique; `core id` alone is not, since it restarts at 0 on every package, so the
/// cpuinfo fallback counts distinct (`physical id`, `core id`) pairs instead.
struct CPUTopology: Equatable {
    var logicalCPUs: Int?
    var physicalCores: Int?
    var sockets: Int?

    init(reading tree: some FactsSource, processors: [[String: String]]) {
        let cpuDirectory = "/sys/devices/system/cpu"
        let sysfsCPUs = tree.children(cpuDirectory).filter(Self.isCPUDirectoryName)
        let cpuinfoCount = processors.filter { $0["processor"] != nil }.count
        logicalCPUs = cpuinfoCount > 0 ? cpuinfoCount : (sysfsCPUs.isEmpty ? nil : sysfsCPUs.count)

        var coreLists: Set<String> = []
        var packages: Set<String> = []
        for cpu in sysfsCPUs {
            let topology = "\(cpuDirectory)/\(cpu)/topology"
            // core_cpus_list replaced thread_siblings_list in Linux 5.7; older kernels have only the latter.
            if let list = tree.nonEmptyString("\(topology)/core_cpus_list")
                ?? tree.nonEmptyString("\(topology)/thread_siblings_list") {
                coreLists.insert(list)
            }
            if let package = tree.nonEmptyString("\(topology)/physical_package_id") {
                packages.insert(package)
            }
        }

        var corePairs: Set<String> = []
        var physicalIDs: Set<String> = []
        for processor in processors {
            guard let physicalID = processor["physical id"] else { continue }
            physicalIDs.insert(physicalID)
            if let coreID = processor["core id"] { corePairs.insert("\(physicalID)/\(coreID)") }
        }

        physicalCores = !coreLists.isEmpty ? coreLists.count : (corePairs.isEmpty ? nil : corePairs.count)
        sockets = !packages.isEmpty ? packages.count : (physicalIDs.isEmpty ? nil : physicalIDs.count)
    }

    /// "cpu0", "cpu17": not "cpufreq", "cpuidle" or "cpu".
    static func isCPUDirectoryName(_ name: String) -> Bool {
        name.hasPrefix("cpu") && name.count > 3 && name.dropFirst(3).allSatisfy(\.isNumber)
    }
}

import CLibvirt
import Foundation
import HostModel

extension LibvirtConnection {
    /// Every domain the driver knows: active and inactive, persistent and transient, with the
    /// state and persistence of each, in a constant number of calls whatever the number of
    /// domains: one listing of all of them, one of the active and one of the transient ones
    /// (`virConnectListAllDomains` filters), and the states of the active ones in one
    /// `virConnectGetAllDomainStats` (`VIR_DOMAIN_STATS_STATE`). An inactive domain is shut off.
    ///
    /// The lists are taken one after another, so a domain that starts or stops in between is
    /// seen as it was in one of them; a domain the bulk call does not report (it stopped, or the
    /// driver has no bulk statistics) is asked for its state on its own, and one that is gone by
    /// then is left out rather than failing the whole listing.
    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virConnectListAllDomains
    public func listAllDomains() throws -> [LibvirtDomain] {
        try withPointer { connection in
            let all = try listDomainPointers(connection, flags: 0)
            var owned = all[...]
            // Every pointer not yet handed to a LibvirtDomain is freed, also when a call fails.
            defer { for pointer in owned { virDomainFree(pointer) } }
            let active = try uuids(connection, flags: VIR_CONNECT_LIST_DOMAINS_ACTIVE.rawValue)
            let transient = try uuids(connection, flags: VIR_CONNECT_LIST_DOMAINS_TRANSIENT.rawValue)
            let states = active.isEmpty ? [:] : try activeStates(connection)
            var domains: [LibvirtDomain] = []
            domains.reserveCapacity(all.count)
            while let pointer = owned.popFirst() {
                let uuid = try Self.rawUUID(pointer)
                var state = DomainState.shutoff
                if active.contains(uuid) {
                    if let listed = states[uuid] {
                        state = listed
                    } else {
                        do {
                            state = try LibvirtDomain.readState(pointer, on: calls)
                        } catch let error as LibvirtError where error.code == LibvirtError.noDomain {
                            virDomainFree(pointer)
                            continue
                        }
                    }
                }
                domains.append(try LibvirtDomain(taking: pointer, state: state, isPersistent: !transient.contains(uuid), calls: calls))
            }
            return domains
        }
    }

    /// The domains `virConnectListAllDomains` returns for `flags`, owned by the caller.
    private func listDomainPointers(_ connection: OpaquePointer, flags: UInt32) throws(LibvirtError) -> [OpaquePointer] {
        var array: UnsafeMutablePointer<virDomainPtr?>?
        let count = Int(try LibvirtCall.check(virConnectListAllDomains(connection, &array, flags), "virConnectListAllDomains", on: calls))
        guard let array else { return [] }
        // "the caller is responsible for calling virDomainFree() on each array element, then
        // calling free() on @domains".
        defer { free(array) }
        return (0..<count).compactMap { array[$0] }
    }

    /// The raw UUIDs of the domains listed with `flags`.
    private func uuids(_ connection: OpaquePointer, flags: UInt32) throws(LibvirtError) -> Set<[UInt8]> {
        let pointers = try listDomainPointers(connection, flags: flags)
        defer { for pointer in pointers { virDomainFree(pointer) } }
        var result: Set<[UInt8]> = []
        for pointer in pointers { result.insert(try Self.rawUUID(pointer)) }
        return result
    }

    /// The states of the active domains, by raw UUID, from one bulk call; empty when the driver
    /// has no bulk statistics (each active domain is then asked on its own).
    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virConnectGetAllDomainStats
    private func activeStates(_ connection: OpaquePointer) throws(LibvirtError) -> [[UInt8]: DomainState] {
        var records: UnsafeMutablePointer<virDomainStatsRecordPtr?>?
        let flags = VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE.rawValue
        let count = LibvirtCall.counted(
            virConnectGetAllDomainStats(connection, VIR_DOMAIN_STATS_STATE.rawValue, &records, flags),
            "virConnectGetAllDomainStats", on: calls)
        if count < 0 {
            let error = LibvirtCall.lastError()
            if [LibvirtError.noSupport, Int32(VIR_ERR_ARGUMENT_UNSUPPORTED.rawValue)].contains(error.code) { return [:] }
            throw error
        }
        guard let records else { return [:] }
        defer { virDomainStatsRecordListFree(records) }
        var states: [[UInt8]: DomainState] = [:]
        for index in 0..<Int(count) {
            guard let record = records[index], let domain = record.pointee.dom else { continue }
            var value: Int32 = 0
            guard virTypedParamsGetInt(record.pointee.params, record.pointee.nparams, "state.state", &value) == 1 else { continue }
            states[try Self.rawUUID(domain)] = DomainState(rawState: value)
        }
        return states
    }

    /// The domain's 16-byte UUID, kept in the handle (no call to the driver).
    /// See https://libvirt.org/html/libvirt-libvirt-domain.html#virDomainGetUUID
    private static func rawUUID(_ pointer: OpaquePointer) throws(LibvirtError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 16)
        let result = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CUnsignedChar.self) { virDomainGetUUID(pointer, $0.baseAddress) }
        }
        if result < 0 { throw LibvirtCall.lastError() }
        return bytes
    }
}

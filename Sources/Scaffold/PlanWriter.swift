import Crypto
import Foundation

/// Applies a `Plan` to the file system. A new repo is staged in a temporary folder next to the
/// target and moved into place with one rename, so a failure leaves nothing half-written.
/// Into a non-empty folder it writes only with `force`, and never removes or silently replaces a
/// file it did not write: such a file is kept and the generated one is put beside it as `NAME.generated`.
public struct PlanWriter: Sendable {
    /// Where the writer records what it wrote (sha256 and path), to recognise its own files later.
    public static let manifestPath = ".archdecide/files.sha256"

    public struct Options: Sendable {
        public var force: Bool
        public var git: Bool
        public var commitMessage: String
        public init(force: Bool = false, git: Bool = true, commitMessage: String = "Starter repository from archdecide") {
            self.force = force
            self.git = git
            self.commitMessage = commitMessage
        }
    }

    /// What the writer did.
    public struct Outcome: Sendable {
        /// Every file written, in order: generated files (`PATH.generated` beside a kept file), and
        /// last, always, `manifestPath`.
        public var written: [String] = []
        public var unchanged: [String] = []
        /// Files that existed and were not the generator's (or were edited since): kept; the new text is in `PATH.generated`.
        public var kept: [String] = []
        public var committed = false
        public var notes: [String] = []
    }

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    public init() {}

    public func write(_ plan: Plan, to target: String, options: Options) throws -> Outcome {
        let fm = FileManager.default
        let targetURL = URL(fileURLWithPath: target).standardizedFileURL
        let parent = targetURL.deletingLastPathComponent()
        for file in plan.files where !PlanPath.isSafe(file.path) {
            throw WriteError(description: "refusing to write outside the output folder: \(file.path)")
        }
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: targetURL.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw WriteError(description: "\(target) exists and is not a folder")
        }
        let entries = exists ? ((try? fm.contentsOfDirectory(atPath: targetURL.path)) ?? []) : []
        if !entries.isEmpty && !options.force {
            throw WriteError(description: "\(target) is not empty (\(entries.count) entries); choose another folder, or use --force to add the generated files (no existing file is removed or replaced)")
        }
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw WriteError(description: "cannot create \(parent.path): \(error.localizedDescription)")
        }
        let staging = try makeStagingFolder(in: parent, name: targetURL.lastPathComponent)
        defer { try? fm.removeItem(at: staging) }

        if entries.isEmpty {
            return try writeFresh(plan, staging: staging, target: targetURL, targetExists: exists, options: options)
        }
        return try writeInto(plan, staging: staging, target: targetURL, options: options)
    }

    // MARK: A new repo: stage everything, commit, one rename.

    private func writeFresh(_ plan: Plan, staging: URL, target: URL, targetExists: Bool, options: Options) throws -> Outcome {
        var outcome = Outcome()
        var manifest: [String: String] = [:]
        for file in plan.files {
            try put(file.text, at: staging.appendingPathComponent(file.path), executable: file.executable)
            manifest[file.path] = Self.sha256(file.text)
            outcome.written.append(file.path)
        }
        try put(Self.renderManifest(manifest), at: staging.appendingPathComponent(Self.manifestPath), executable: false)
        outcome.written.append(Self.manifestPath)
        if options.git {
            try Git.initAndCommit(folder: staging, message: options.commitMessage)
            outcome.committed = true
        }
        if targetExists {
            // An empty folder is replaced by the staged one (rename(2) allows it); it held nothing.
            try? FileManager.default.removeItem(at: target)
        }
        do {
            try FileManager.default.moveItem(at: staging, to: target)
        } catch {
            throw WriteError(description: "cannot move the staged repo into \(target.path): \(error.localizedDescription)")
        }
        return outcome
    }

    // MARK: --force into a non-empty folder: decide per file first, then move each staged file into place.

    private func writeInto(_ plan: Plan, staging: URL, target: URL, options: Options) throws -> Outcome {
        let fm = FileManager.default
        var outcome = Outcome()
        let manifestURL = target.appendingPathComponent(Self.manifestPath)
        var manifest = Self.parseManifest((try? String(contentsOf: manifestURL, encoding: .utf8)) ?? "")
        var moves: [(from: URL, to: URL)] = []

        // Every check before the first write: a folder where a file goes, a file where a folder goes.
        for file in plan.files {
            let parts = file.path.split(separator: "/").map(String.init)
            var prefix = target
            for part in parts.dropLast() {
                prefix.appendPathComponent(part)
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: prefix.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    throw WriteError(description: "\(prefix.path) is a file, but the repo needs a folder there; nothing was written")
                }
            }
            var isDirectory: ObjCBool = false
            let destination = target.appendingPathComponent(file.path)
            if fm.fileExists(atPath: destination.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw WriteError(description: "\(destination.path) is a folder, but the repo writes a file there; nothing was written")
            }
        }
        for (index, file) in plan.files.enumerated() {
            let destination = target.appendingPathComponent(file.path)
            let staged = staging.appendingPathComponent("f\(index)")
            let newHash = Self.sha256(file.text)
            if let existing = fm.contents(atPath: destination.path) {
                let currentHash = Self.sha256(existing)
                if currentHash == newHash {
                    outcome.unchanged.append(file.path)
                    manifest[file.path] = newHash
                    continue
                }
                if manifest[file.path] != currentHash {
                    // Not ours, or edited since we wrote it: keep it, and offer ours beside it.
                    let sibling = target.appendingPathComponent(file.path + ".generated")
                    if fm.fileExists(atPath: sibling.path), manifest[file.path + ".generated"] == nil {
                        outcome.notes.append("\(file.path): kept, and \(file.path).generated exists too, so the new version was not written")
                        outcome.kept.append(file.path)
                        continue
                    }
                    try put(file.text, at: staged, executable: file.executable)
                    moves.append((staged, sibling))
                    manifest[file.path + ".generated"] = newHash
                    outcome.kept.append(file.path)
                    outcome.written.append(file.path + ".generated")
                    continue
                }
            }
            try put(file.text, at: staged, executable: file.executable)
            moves.append((staged, destination))
            manifest[file.path] = newHash
            outcome.written.append(file.path)
        }
        let manifestStaged = staging.appendingPathComponent("manifest")
        try put(Self.renderManifest(manifest), at: manifestStaged, executable: false)
        moves.append((manifestStaged, manifestURL))
        outcome.written.append(Self.manifestPath)
        for move in moves {
            try fm.createDirectory(at: move.to.deletingLastPathComponent(), withIntermediateDirectories: true)
            // rename(2) replaces the destination atomically; the old file is never half-written.
            guard rename(move.from.path, move.to.path) == 0 else {
                throw WriteError(description: "cannot move \(move.to.path) into place: \(String(cString: strerror(errno)))")
            }
        }
        if options.git {
            if fm.fileExists(atPath: target.appendingPathComponent(".git").path) {
                outcome.notes.append("the folder is already a git repository: the changes are left uncommitted for review")
            } else {
                try Git.initAndCommit(folder: target, message: options.commitMessage)
                outcome.committed = true
            }
        }
        return outcome
    }

    // MARK: Helpers

    func makeStagingFolder(in parent: URL, name: String) throws -> URL {
        var template = Array(parent.appendingPathComponent(".\(name).archdecide-XXXXXX").path.utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        guard made != nil else {
            throw WriteError(description: "cannot create a staging folder in \(parent.path): \(String(cString: strerror(errno)))")
        }
        let bytes = template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let url = URL(fileURLWithPath: String(decoding: bytes, as: UTF8.self))
        // mkdtemp makes it 0700; the repo folder it becomes should have the usual mode.
        let mask = umask(0)
        umask(mask)
        chmod(url.path, 0o777 & ~mask)
        return url
    }

    /// Writes one file with POSIX calls (one open, write, close; the mode set at creation),
    /// creating its folders as needed. Foundation's per-file attribute calls cost more than the write.
    func put(_ text: String, at url: URL, executable: Bool) throws {
        let path = url.path
        func fail(_ what: String) -> WriteError {
            WriteError(description: "cannot \(what) \(path): \(String(cString: strerror(errno)))")
        }
        let folder = url.deletingLastPathComponent().path
        if access(folder, F_OK) != 0 {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw WriteError(description: "cannot create \(folder): \(error.localizedDescription)")
            }
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, executable ? 0o755 : 0o644)
        guard fd >= 0 else { throw fail("create") }
        defer { close(fd) }
        var text = text
        try text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = posixWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw fail("write")
                }
                offset += written
            }
        }
        if executable { fchmod(fd, 0o755) }  // the umask may have cleared the execute bits
    }

    static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// `sha256sum` format, sorted by path, so `sha256sum -c` can check it.
    static func renderManifest(_ manifest: [String: String]) -> String {
        manifest.keys.sorted().map { "\(manifest[$0]!)  \($0)\n" }.joined()
    }

    static func parseManifest(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 64 else { continue }
            out[String(parts[1].drop(while: { $0 == " " }))] = String(parts[0])
        }
        return out
    }
}

/// The few git commands the writer runs: `init`, `add`, one `commit`.
enum Git {
    static func initAndCommit(folder: URL, message: String) throws {
        try run(["init", "-q", "-b", "main"], in: folder)
        try run(["add", "-A"], in: folder)
        // A machine without a git identity (CI, containers) still gets its commit.
        var identity: [String] = []
        if (try? run(["config", "user.email"], in: folder)) == nil {
            identity = ["-c", "user.name=archdecide", "-c", "user.email=archdecide@localhost"]
        }
        try run(identity + ["-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", message], in: folder)
    }

    @discardableResult
    static func run(_ arguments: [String], in folder: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw PlanWriter.WriteError(description: "cannot run git (use --no-git to skip it): \(error.localizedDescription)")
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw PlanWriter.WriteError(description: "git \(arguments.first ?? "") failed: \(text) (use --no-git to skip git)")
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// `write(2)`, named apart from `PlanWriter.write`.
private func posixWrite(_ fd: Int32, _ buffer: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(fd, buffer, count)
}

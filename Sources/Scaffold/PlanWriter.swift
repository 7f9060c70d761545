import DecisionModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Applies a `Plan` to the file system, never outside the output folder and never losing a file.
///
/// A new repo is staged in a temporary folder next to the target (git included) and moved into
/// place with one `rename(2)`, which replaces only an empty folder: a file that appears in the target
/// meanwhile, or a second run that got there first, makes this run fail with nothing written.
/// Into a non-empty folder it writes only with `force`, under an exclusive lock on the folder, and
/// never removes or replaces a file it did not write: such a file is kept and the generated one is
/// put in `.archdecide/proposed/` (outside `Sources/`, so the repo still builds). It never writes
/// through a symbolic link. Before the first file moves, the new manifest is written as a journal
/// (`.archdecide/pending.sha256`), so after an interruption the same command recognises its own
/// half-written files and completes the repo. Every failure is a `Diagnostic` naming the path.
public struct PlanWriter: Sendable {
    /// Where the writer records what it wrote (sha256 and path), to recognise its own files later.
    public static let manifestPath = ".archdecide/files.sha256"
    /// The manifest a `--force` run is about to make true; present only while (or if killed while) it writes.
    public static let pendingPath = ".archdecide/pending.sha256"
    /// Where the generated version of a kept file goes: `.archdecide/proposed/PATH`.
    public static let proposedFolder = ".archdecide/proposed"

    public struct Options: Sendable {
        public var force: Bool
        public var git: Bool
        public var commitMessage: String
        /// For tests of interruption only: the process kills itself (SIGKILL) after this many files
        /// of a `--force` run were moved into place, as a power cut or `kill -9` would.
        public var killAfterMoves: Int?
        public init(force: Bool = false, git: Bool = true, commitMessage: String = "Starter repository from archdecide") {
            self.force = force
            self.git = git
            self.commitMessage = commitMessage
        }
    }

    /// What the writer did.
    public struct Outcome: Sendable {
        /// Every file written, in order: generated files (a kept file's under `proposedFolder`), and
        /// last, always, `manifestPath`.
        public var written: [String] = []
        public var unchanged: [String] = []
        /// Files that existed and were not the generator's (or were edited since): kept; the new
        /// text is in `proposed(path)`.
        public var kept: [String] = []
        public var committed = false
        public var notes: [String] = []
    }

    /// Where the generated version of the kept file `path` is written.
    public static func proposed(_ path: String) -> String { "\(proposedFolder)/\(path)" }

    public init() {}

    static func failure(_ code: DiagnosticCode, _ path: String, _ message: String) -> Diagnostic {
        Diagnostic(code, message, at: .path(path))
    }

    public func write(_ plan: Plan, to target: String, options: Options) throws(Diagnostic) -> Outcome {
        let fm = FileManager.default
        for file in plan.files where !PlanPath.isSafe(file.path) {
            throw Self.failure(.writeFailed, target, "refusing to write outside the output folder: \(file.path)")
        }
        var targetURL = URL(fileURLWithPath: target).standardizedFileURL
        var info = stat()
        var exists = lstat(targetURL.path, &info) == 0
        if exists && (info.st_mode & S_IFMT) == S_IFLNK {
            // The output folder itself may be a link the user named: write into what it points at.
            targetURL = targetURL.resolvingSymlinksInPath()
            exists = stat(targetURL.path, &info) == 0
        }
        if exists && (info.st_mode & S_IFMT) != S_IFDIR {
            throw Self.failure(.outputNotFolder, target, "exists and is not a folder; nothing was written")
        }
        let parent = targetURL.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw Self.failure(.writeFailed, parent.path, "cannot create the folder: \(Self.reason(error))")
        }
        var outcome = Outcome()
        let name = targetURL.lastPathComponent
        let removed = Self.removeLeftovers(in: parent, name: name)
        if removed > 0 { outcome.notes.append("removed \(removed) staging folder(s) left by an interrupted run") }

        // An exclusive lock on the existing folder: a second run into it fails at once.
        var lock: FolderLock?
        if exists {
            lock = FolderLock(targetURL.path)
            guard lock != nil else {
                throw Self.failure(.outputBusy, target, "another archdecide run is writing into this folder; nothing was written (try again when it has finished)")
            }
        }
        defer { lock?.release() }
        let entries = exists ? ((try? fm.contentsOfDirectory(atPath: targetURL.path)) ?? []) : []
        if !entries.isEmpty && !options.force {
            throw Self.failure(.outputNotEmpty, target, "the folder is not empty (\(entries.count) entries); choose another folder, or use --force to add the generated files (no existing file is removed or replaced)")
        }
        let staging = try makeStagingFolder(in: parent, name: name)
        defer {
            staging.lock.release()
            try? FileManager.default.removeItem(at: staging.url)
        }
        if entries.isEmpty {
            return try writeFresh(plan, staging: staging.url, target: targetURL, shown: target, options: options, outcome: outcome)
        }
        return try writeInto(plan, staging: staging.url, target: targetURL, shown: target, options: options, outcome: outcome)
    }

    // MARK: A new repo: stage everything, commit, one rename.

    private func writeFresh(_ plan: Plan, staging: URL, target: URL, shown: String, options: Options, outcome: Outcome) throws(Diagnostic) -> Outcome {
        var outcome = outcome
        var manifest: [String: String] = [:]
        for file in plan.files {
            try put(file.text, at: staging.appendingPathComponent(file.path), executable: file.executable)
            manifest[file.path] = Self.sha256(file.text)
            outcome.written.append(file.path)
        }
        try put(Self.renderManifest(manifest), at: staging.appendingPathComponent(Self.manifestPath), executable: false)
        outcome.written.append(Self.manifestPath)
        if options.git {
            do {
                try Git.initAndCommit(folder: staging, message: options.commitMessage)
            } catch {
                throw Self.failure(.gitFailed, shown, "\(error.message); nothing was written (use --no-git to skip git)")
            }
            outcome.committed = true
        }
        // rename(2) replaces an empty folder and nothing else: if anything appeared in the target
        // meanwhile (a user's file, another run's repo), this run fails and the target is untouched.
        guard rename(staging.path, target.path) == 0 else {
            let code = errno
            if code == ENOTEMPTY || code == EEXIST || code == ENOTDIR || code == EISDIR {
                throw Self.failure(.outputChanged, shown, "the folder was created or filled by someone else while the repo was generated (another run?); nothing was written, and what is there was kept")
            }
            throw Self.failure(.writeFailed, shown, "cannot move the staged repo into place: \(String(cString: strerror(code))); nothing was written")
        }
        return outcome
    }

    // MARK: --force into a non-empty folder: decide per file first, then move each staged file into place.

    private func writeInto(_ plan: Plan, staging: URL, target: URL, shown: String, options: Options, outcome: Outcome) throws(Diagnostic) -> Outcome {
        var outcome = outcome
        let manifestURL = target.appendingPathComponent(Self.manifestPath)
        let pendingURL = target.appendingPathComponent(Self.pendingPath)

        // Every check before the first write: no symbolic link on any path written, no folder where
        // a file goes, no file where a folder goes.
        var links: [String] = []
        var conflicts: [String] = []
        let checked = plan.files.map(\.path) + plan.files.map { Self.proposed($0.path) } + [Self.manifestPath, Self.pendingPath]
        var seen = Set<String>()
        for path in checked {
            let parts = path.split(separator: "/").map(String.init)
            var relative = ""
            for (i, part) in parts.enumerated() {
                relative += (relative.isEmpty ? "" : "/") + part
                if !seen.insert(relative).inserted { continue }
                var info = stat()
                guard lstat(target.appendingPathComponent(relative).path, &info) == 0 else { break }
                let last = i == parts.count - 1
                switch info.st_mode & S_IFMT {
                case S_IFLNK: links.append(relative)
                case S_IFDIR where last: conflicts.append("\(relative) is a folder, but the repo writes a file there")
                case S_IFDIR: continue
                case S_IFREG where last: continue
                default: conflicts.append(last ? "\(relative) is not a regular file" : "\(relative) is a file, but the repo needs a folder there")
                }
                if case S_IFLNK = info.st_mode & S_IFMT { break }
            }
        }
        if !links.isEmpty {
            throw Self.failure(.symbolicLink, shown, "refusing to write through symbolic links (the files would land outside the output folder): \(links.sorted().joined(separator: ", ")); nothing was written. Replace each link by a real folder or file, or generate into another folder")
        }
        if !conflicts.isEmpty {
            throw Self.failure(.pathConflict, shown, "\(conflicts.sorted().joined(separator: "; ")); nothing was written")
        }

        // Our files: those the manifest names, and those a run that was interrupted was writing.
        let previous = Self.parseManifest(Self.readSmall(manifestURL.path) ?? "")
        let interrupted = Self.parseManifest(Self.readSmall(pendingURL.path) ?? "")
        if !interrupted.isEmpty { outcome.notes.append("completed the files of an interrupted run") }
        func ours(_ path: String, _ hash: String) -> Bool { previous[path] == hash || interrupted[path] == hash }

        var manifest = previous
        var moves: [(from: URL, to: String)] = []
        for (index, file) in plan.files.enumerated() {
            let staged = staging.appendingPathComponent("f\(index)")
            let newHash = Self.sha256(file.text)
            var destination = file.path
            if let existing = Self.readRegular(target.appendingPathComponent(file.path).path) {
                let currentHash = Self.sha256(existing)
                if currentHash == newHash {
                    outcome.unchanged.append(file.path)
                    manifest[file.path] = newHash
                    continue
                }
                if !ours(file.path, currentHash) {
                    // Not ours, or edited since we wrote it: keep it, and offer ours outside the sources.
                    destination = Self.proposed(file.path)
                    outcome.kept.append(file.path)
                    if Self.readRegular(target.appendingPathComponent(destination).path).map(Self.sha256) == newHash {
                        manifest[destination] = newHash
                        continue
                    }
                }
            }
            try put(file.text, at: staged, executable: file.executable)
            moves.append((staged, destination))
            manifest[destination] = newHash
            outcome.written.append(destination)
        }
        // The journal first: if this run stops half-way, the next one knows these files are its own.
        try ensureFolders(target, ".archdecide", shown: shown)
        let pendingStaged = staging.appendingPathComponent("pending")
        try put(Self.renderManifest(manifest), at: pendingStaged, executable: false)
        try move(pendingStaged, to: Self.pendingPath, in: target, shown: shown)
        for (count, item) in moves.enumerated() {
            if let stop = options.killAfterMoves, count >= stop { kill(getpid(), SIGKILL) }
            try ensureFolders(target, (item.to as NSString).deletingLastPathComponent, shown: shown)
            try move(item.from, to: item.to, in: target, shown: shown)
        }
        let manifestStaged = staging.appendingPathComponent("manifest")
        try put(Self.renderManifest(manifest), at: manifestStaged, executable: false)
        try move(manifestStaged, to: Self.manifestPath, in: target, shown: shown)
        unlink(pendingURL.path)
        outcome.written.append(Self.manifestPath)
        if options.git {
            var info = stat()
            if lstat(target.appendingPathComponent(".git").path, &info) == 0 {
                outcome.notes.append("the folder is already a git repository: the changes are left uncommitted for review")
            } else {
                // The repository is made in the staging folder and moved in whole: a failure (a full
                // disk) leaves no broken .git behind.
                let gitDir = staging.appendingPathComponent("git")
                do {
                    try Git.initAndCommit(folder: target, gitDir: gitDir, message: options.commitMessage)
                } catch {
                    throw Self.failure(.gitFailed, shown, "the \(outcome.written.count) files were written, but \(error.message); no .git was left (run git init there yourself, or use --no-git)")
                }
                guard rename(gitDir.path, target.appendingPathComponent(".git").path) == 0 else {
                    throw Self.failure(.gitFailed, shown, "the \(outcome.written.count) files were written, but the new .git could not be moved into place: \(String(cString: strerror(errno))); no .git was left")
                }
                outcome.committed = true
            }
        }
        return outcome
    }

    // MARK: Helpers

    /// The staging folders of this target (`.NAME.archdecide-XXXXXX`) whose run has ended: a live
    /// run holds a lock on its own, so only dead runs' folders (killed, or their orphaned git
    /// finished or not) are removed. Returns how many were removed.
    static func removeLeftovers(in parent: URL, name: String) -> Int {
        let prefix = ".\(name).archdecide-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        var removed = 0
        for entry in names where entry.hasPrefix(prefix) && entry.count == prefix.count + 6 {
            let path = parent.appendingPathComponent(entry).path
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == getuid() else { continue }
            guard let lock = FolderLock(path) else { continue }  // a run in progress
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed += 1 }
            lock.release()
        }
        return removed
    }

    func makeStagingFolder(in parent: URL, name: String) throws(Diagnostic) -> (url: URL, lock: FolderLock) {
        var template = Array(parent.appendingPathComponent(".\(name).archdecide-XXXXXX").path.utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        guard made != nil else {
            throw Self.failure(.writeFailed, parent.path, "cannot create a staging folder: \(String(cString: strerror(errno)))")
        }
        let bytes = template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let url = URL(fileURLWithPath: String(decoding: bytes, as: UTF8.self))
        // Held while this run lives, so another run's clean-up never takes it for a leftover.
        guard let lock = FolderLock(url.path) else {
            throw Self.failure(.writeFailed, url.path, "cannot lock the staging folder")
        }
        // mkdtemp makes it 0700; the repo folder it becomes should have the usual mode.
        let mask = umask(0)
        umask(mask)
        chmod(url.path, 0o777 & ~mask)
        return (url, lock)
    }

    /// Creates the folders of `relative` under `target` one by one, refusing any component that is
    /// a symbolic link or not a folder (checked again here, just before the write, not only up front).
    func ensureFolders(_ target: URL, _ relative: String, shown: String) throws(Diagnostic) {
        var path = target.path
        for part in relative.split(separator: "/") {
            path += "/" + part
            var info = stat()
            if lstat(path, &info) == 0 {
                switch info.st_mode & S_IFMT {
                case S_IFDIR: continue
                case S_IFLNK: throw Self.failure(.symbolicLink, path, "is a symbolic link; refusing to write through it (the write would land outside \(shown))")
                default: throw Self.failure(.pathConflict, path, "is a file, but the repo needs a folder there")
                }
            }
            if mkdir(path, 0o777) != 0 && errno != EEXIST {
                throw Self.failure(.writeFailed, path, "cannot create the folder: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// `rename(2)` of a staged file to `relative` under `target`: atomic, and it replaces a symbolic
    /// link itself (never what the link points at), though the checks refuse links before this.
    func move(_ staged: URL, to relative: String, in target: URL, shown: String) throws(Diagnostic) {
        let destination = target.appendingPathComponent(relative).path
        guard rename(staged.path, destination) == 0 else {
            throw Self.failure(.writeFailed, destination, "cannot move the file into place: \(String(cString: strerror(errno)))")
        }
    }

    /// A regular file's bytes (not through a link), or nil.
    static func readRegular(_ path: String) -> Data? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return n == 0 ? data : nil }
            data.append(contentsOf: chunk[0..<n])
        }
    }

    /// A manifest's text, if it is a regular file of a sane size.
    static func readSmall(_ path: String) -> String? {
        readRegular(path).flatMap { $0.count <= 4 << 20 ? String(decoding: $0, as: UTF8.self) : nil }
    }

    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }

    /// Writes one file with POSIX calls (one open, write, close; the mode set at creation),
    /// creating its folders as needed. Foundation's per-file attribute calls cost more than the write.
    func put(_ text: String, at url: URL, executable: Bool) throws(Diagnostic) {
        let path = url.path
        func fail(_ what: String) -> Diagnostic {
            Self.failure(.writeFailed, path, "cannot \(what) the file: \(String(cString: strerror(errno)))")
        }
        let folder = url.deletingLastPathComponent().path
        if access(folder, F_OK) != 0 {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw Self.failure(.writeFailed, folder, "cannot create the folder: \(Self.reason(error))")
            }
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, executable ? 0o755 : 0o644)
        guard fd >= 0 else { throw fail("create") }
        defer { close(fd) }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { posixWrite(fd, $0.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw fail("write")
            }
            offset += written
        }
        if executable { fchmod(fd, 0o755) }  // the umask may have cleared the execute bits
    }

    static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    static func sha256(_ data: Data) -> String {
        Hex.lowercase(SHA256.hash(data: data))
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

/// An exclusive advisory lock (flock) on a folder, taken without waiting; released by `release()`
/// or when the process ends (a kill included), never inherited by child processes.
final class FolderLock: Sendable {
    let descriptor: Int32

    init?(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        descriptor = fd
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// The few git commands the writer runs: `init`, `add`, one `commit`; in a separate git folder
/// when asked, so a repository appears in the target only once it is complete.
enum Git {
    struct Failure: Error {
        var message: String
    }

    static func initAndCommit(folder: URL, gitDir: URL? = nil, message: String) throws(Failure) {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") }
        if let gitDir {
            environment["GIT_DIR"] = gitDir.path
            environment["GIT_WORK_TREE"] = folder.path
        }
        try run(["init", "-q", "-b", "main"], in: folder, environment)
        try run(["add", "-A"], in: folder, environment)
        // A machine without a git identity (CI, containers) still gets its commit.
        var identity: [String] = []
        if (try? run(["config", "user.email"], in: folder, environment)) == nil {
            identity = ["-c", "user.name=archdecide", "-c", "user.email=archdecide@localhost"]
        }
        try run(identity + ["-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", message], in: folder, environment)
        if gitDir != nil {
            // Moved to FOLDER/.git, the repository finds its work tree by itself.
            try run(["config", "--unset", "core.worktree"], in: folder, environment)
        }
    }

    /// Runs git in `folder` with this process's environment less any `GIT_*` variable.
    @discardableResult
    static func run(_ arguments: [String], in folder: URL) throws(Failure) -> String {
        try run(arguments, in: folder, ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("GIT_") })
    }

    @discardableResult
    static func run(_ arguments: [String], in folder: URL, _ environment: [String: String]) throws(Failure) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = folder
        process.environment = environment
        // One pipe for both streams: reading one while git blocks writing the other cannot deadlock.
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(message: "git cannot be run (\(PlanWriter.reason(error)))")
        }
        let output = (try? out.fileHandleForReading.readToEnd()) ?? Data()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = EchoedText.escape(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            throw Failure(message: "git \(arguments.first { !$0.hasPrefix("-") && !$0.contains("=") } ?? "") failed: \(text.isEmpty ? "exit \(process.terminationStatus)" : text)")
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// `write(2)`, named apart from `PlanWriter.write`.
private func posixWrite(_ fd: Int32, _ buffer: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(fd, buffer, count)
}

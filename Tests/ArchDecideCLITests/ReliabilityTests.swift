import Foundation
import GRDB
import Testing
import TestSupport

/// Issue 13, one test per item, through the built binary in temporary folders: nothing lost, nothing
/// written outside the output folder, every input bounded, no forged or raw control output, and a
/// decision log opened as each command needs. Every child process runs under a timeout.
@Suite(.serialized) struct ReliabilityTests {
    // MARK: Running the binary with a timeout

    struct Run {
        var status: Int32
        var signaled: Bool
        var out: String
        var err: String
        var errBytes: Data
    }

    /// A started child whose output goes to files; `wait` kills it (SIGKILL) past the deadline.
    final class Child: @unchecked Sendable {
        let process = Process()
        let outFile: URL
        let errFile: URL
        let done = DispatchSemaphore(value: 0)

        init(_ arguments: [String], in folder: URL, environment: [String: String], stdin: String?, executable: String? = nil) throws {
            guard let built = Binary.url else { throw CocoaError(.fileNoSuchFile) }
            let binary = URL(fileURLWithPath: executable ?? built.path)
            // A shell only to connect standard input (a file, a device, or `yes ''`), then it becomes the binary.
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let redirect = stdin.map { " < \($0)" } ?? " < /dev/null"
            if stdin == "yes" {
                process.arguments = ["-c", "yes '' | exec \"$0\" \"$@\"", binary.path] + arguments
            } else {
                process.arguments = ["-c", "exec \"$0\" \"$@\"\(redirect)", binary.path] + arguments
            }
            process.currentDirectoryURL = folder
            process.environment = environment
            let id = UUID().uuidString
            outFile = FileManager.default.temporaryDirectory.appendingPathComponent("rel-out-\(id)")
            errFile = FileManager.default.temporaryDirectory.appendingPathComponent("rel-err-\(id)")
            #expect(FileManager.default.createFile(atPath: outFile.path, contents: nil))
            #expect(FileManager.default.createFile(atPath: errFile.path, contents: nil))
            process.standardOutput = try FileHandle(forWritingTo: outFile)
            process.standardError = try FileHandle(forWritingTo: errFile)
            process.terminationHandler = { [done] _ in done.signal() }
            try process.run()
        }

        var pid: Int32 { process.processIdentifier }

        func wait(timeout: Double = 60, sourceLocation: SourceLocation = #_sourceLocation) -> Run {
            if done.wait(timeout: .now() + timeout) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                done.wait()
                Issue.record("the child did not finish within \(timeout) s and was killed", sourceLocation: sourceLocation)
            }
            let errBytes = (try? Data(contentsOf: errFile)) ?? Data()
            let out = (try? String(contentsOf: outFile, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: outFile)
            try? FileManager.default.removeItem(at: errFile)
            return Run(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
                       out: out, err: String(decoding: errBytes, as: UTF8.self), errBytes: errBytes)
        }
    }

    /// A scratch folder with a private HOME and decision log; removed by `remove()`.
    struct Scratch {
        let root: URL
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("archdecide-rel-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("home"), withIntermediateDirectories: true)
            try LogScratch.deskpilot.write(to: root.appendingPathComponent("deskpilot.yaml"), atomically: true, encoding: .utf8)
        }
        func url(_ path: String) -> URL { root.appendingPathComponent(path) }
        func path(_ path: String) -> String { url(path).path }
        func env(_ extra: [String: String] = [:]) -> [String: String] {
            var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": path("home"),
                       "NO_COLOR": "1", "ARCHDECIDE_DB": path("home/decisions.sqlite"),
                       "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]
            env.merge(extra) { _, new in new }
            return env
        }
        func start(_ arguments: [String], _ extra: [String: String] = [:], stdin: String? = nil) throws -> Child {
            try Child(arguments, in: root, environment: env(extra), stdin: stdin)
        }
        func run(_ arguments: [String], _ extra: [String: String] = [:], stdin: String? = nil, timeout: Double = 60,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
            try start(arguments, extra, stdin: stdin).wait(timeout: timeout, sourceLocation: sourceLocation)
        }
        func write(_ text: String, _ path: String) throws {
            try FileManager.default.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url(path), atomically: false, encoding: .utf8)
        }
        func read(_ path: String) -> String? { try? String(contentsOf: url(path), encoding: .utf8) }
        func list(_ path: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: self.path(path))) ?? []).sorted() }
        /// Every file under `path`, relative, recursively (links not followed).
        func tree(_ path: String) -> [String] {
            let base = url(path).path
            let walker = FileManager.default.enumerator(atPath: base)
            var out: [String] = []
            while let next = walker?.nextObject() as? String { out.append(next) }
            return out.sorted()
        }
        /// A `git` first on PATH that runs `script` (sh) before the real one; returns the PATH to use.
        /// A `git` first on PATH that runs `action` when its subcommand is `subcommand`, then the real
        /// git. The subcommand is found as git finds it, past `-c NAME=VALUE` and `-C DIR` (archdecide
        /// commits with `git -c … commit`: a fake that looked only at `$1` never fired, and a test
        /// passed on timing alone). It leaves `fakebin/ran-SUBCOMMAND` behind: `ran(_:)` tells.
        func fakeGit(on subcommand: String, _ action: String) throws -> String {
            let real = ["/usr/bin/git", "/bin/git", "/usr/local/bin/git"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/git"
            let script = """
                sub=""; skip=0
                for a in "$@"; do
                    if [ $skip = 1 ]; then skip=0; continue; fi
                    case "$a" in -c|-C) skip=1 ;; -*) ;; *) sub="$a"; break ;; esac
                done
                if [ "$sub" = "\(subcommand)" ]; then : > "\(path("fakebin"))/ran-\(subcommand)"; \(action); fi
                """
            try write("#!/bin/sh\n\(script)\nexec \(real) \"$@\"\n", "fakebin/git")
            chmod(path("fakebin/git"), 0o755)
            return path("fakebin") + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        }
        /// Whether the fake git met its subcommand.
        func ran(_ subcommand: String) -> Bool { FileManager.default.fileExists(atPath: path("fakebin/ran-\(subcommand)")) }
        func remove() {
            _ = try? Process.run(URL(fileURLWithPath: "/bin/chmod"), arguments: ["-R", "u+rwX", root.path]).waitUntilExit()
            try? FileManager.default.removeItem(at: root)
        }
    }

    static var built: Bool { Binary.url != nil }

    /// Every manifest entry matches its file: the repo is complete and exactly what was generated.
    func expectCompleteRepo(_ s: Scratch, _ folder: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let manifest = s.read("\(folder)/.archdecide/files.sha256") else {
            Issue.record("no manifest in \(folder)", sourceLocation: sourceLocation)
            return
        }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["sha256sum", "--quiet", "-c", ".archdecide/files.sha256"]
        check.currentDirectoryURL = s.url(folder)
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        try? check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0, "files differ from \(folder)/.archdecide/files.sha256", sourceLocation: sourceLocation)
        #expect(manifest.split(separator: "\n").count > 20, sourceLocation: sourceLocation)
        #expect(s.read("\(folder)/.archdecide/pending.sha256") == nil, "the journal of an interrupted run is left", sourceLocation: sourceLocation)
        #expect(!s.tree(folder).contains { $0.hasSuffix(".generated") }, "a NAME.generated file", sourceLocation: sourceLocation)
    }

    // MARK: generate: nothing written outside, nothing lost

    @Test(.enabled(if: built)) func generateRefusesToWriteThroughSymbolicLinks() throws {
        let s = try Scratch()
        defer { s.remove() }
        try s.write("theirs\n", "elsewhere/keep.txt")
        try s.write("outside\n", "outside.md")
        try FileManager.default.createDirectory(at: s.url("out"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: s.path("out/Sources"), withDestinationPath: "../elsewhere")
        // A manifest naming a file through the link, as a repo generated before the link was made would.
        try s.write(String(repeating: "0", count: 64) + "  Sources/keep.txt\n", "out/.archdecide/files.sha256")
        try s.write("mine\n", "out/notes.txt")
        let run = try s.run(["generate", "--profile", "deskpilot.yaml", "--output", "out", "--force", "--no-git"])
        #expect(run.status == 1)
        #expect(run.err.contains("out: error: refusing to write through symbolic links") && run.err.contains("Sources") && run.err.contains("[symbolic-link]"), "\(run.err)")
        #expect(s.list("elsewhere") == ["keep.txt"] && s.read("elsewhere/keep.txt") == "theirs\n")
        #expect(s.list("out") == [".archdecide", "Sources", "notes.txt"])

        // A link in place of a file the repo writes (README.md → ../outside.md) is refused the same way.
        try FileManager.default.removeItem(atPath: s.path("out/Sources"))
        try FileManager.default.createSymbolicLink(atPath: s.path("out/README.md"), withDestinationPath: "../outside.md")
        let again = try s.run(["generate", "--profile", "deskpilot.yaml", "--output", "out", "--force", "--no-git"])
        #expect(again.status == 1 && again.err.contains("README.md") && again.err.contains("[symbolic-link]"), "\(again.err)")
        #expect(s.read("outside.md") == "outside\n")
    }

    @Test(.enabled(if: built)) func aFileCreatedDuringTheRunIsKept() throws {
        let s = try Scratch()
        defer { s.remove() }
        try FileManager.default.createDirectory(at: s.url("out"), withIntermediateDirectories: true)
        // While the run commits its staged repo, the user saves a file into the (empty) target.
        let path = try s.fakeGit(on: "add", #"echo "saved meanwhile" > "$TARGET_FILE""#)
        let run = try s.run(["generate", "--profile", "deskpilot.yaml", "--output", "out"],
                            ["PATH": path, "TARGET_FILE": s.path("out/late.txt")])
        #expect(s.ran("add"), "the file was never saved during the run")
        #expect(run.status == 1)
        #expect(run.err.contains("[output-changed]") && run.err.contains("nothing was written"), "\(run.err)")
        #expect(s.list("out") == ["late.txt"] && s.read("out/late.txt") == "saved meanwhile\n")
        #expect(!s.list("").contains { $0.contains(".archdecide-") }, "a staging folder is left")
    }

    @Test(.enabled(if: built)) func twoRunsIntoOneFolderOneWinsTheOtherFails() throws {
        let s = try Scratch()
        defer { s.remove() }
        try FileManager.default.createDirectory(at: s.url("out"), withIntermediateDirectories: true)
        // The first run is slow in git (it holds the folder meanwhile); the second starts during it.
        let slow = try s.fakeGit(on: "commit", "sleep 2")
        let first = try s.start(["generate", "--profile", "deskpilot.yaml", "--output", "out"], ["PATH": slow])
        usleep(700_000)
        let second = try s.run(["generate", "--profile", "deskpilot.yaml", "--output", "out"])
        let one = first.wait()
        #expect(s.ran("commit"), "the first run's slow commit never happened: the second did not start during it")
        #expect(one.status == 0, "\(one.err)")
        #expect(second.status == 1)
        #expect(second.err.contains("out: error:") && (second.err.contains("[output-busy]") || second.err.contains("[output-changed]")), "\(second.err)")
        expectCompleteRepo(s, "out")
        // Sequential runs: the second finds a full folder and says so.
        let third = try s.run(["generate", "--profile", "deskpilot.yaml", "--output", "out"])
        #expect(third.status == 1 && third.err.contains("[output-not-empty]"), "\(third.err)")
        expectCompleteRepo(s, "out")
    }

    @Test(.enabled(if: built)) func aKilledForceRunIsCompletedByTheSameCommand() throws {
        let s = try Scratch()
        defer { s.remove() }
        try s.write("my notes\n", "out/notes.txt")
        try s.write("# my readme\n", "out/README.md")
        let command = ["generate", "--profile", "deskpilot.yaml", "--output", "out", "--force", "--no-git"]
        let killed = try s.run(command, ["ARCHDECIDE_TEST_KILL_AFTER_MOVES": "7"])
        #expect(killed.signaled && killed.status == SIGKILL)
        #expect(s.read("out/.archdecide/files.sha256") == nil)  // killed before the manifest, as in the report
        let rerun = try s.run(command)
        #expect(rerun.status == 0, "\(rerun.err)")
        #expect(rerun.out.contains("completed the files of an interrupted run"), "\(rerun.out)")
        #expect(!rerun.out.contains("kept your Sources"), "\(rerun.out)")
        expectCompleteRepo(s, "out")
        #expect(s.read("out/notes.txt") == "my notes\n" && s.read("out/README.md") == "# my readme\n")
        // The one kept file is the user's README; its generated version is outside the sources.
        #expect(s.tree("out/.archdecide/proposed") == ["README.md"])
        // Running it once more changes nothing.
        let third = try s.run(command)
        #expect(third.status == 0 && third.out.contains("Wrote 1 file "), "\(third.out)")
    }

    @Test(.enabled(if: built)) func anEditedFileLeavesNoGeneratedCopyInSources() throws {
        let s = try Scratch()
        defer { s.remove() }
        #expect(try s.run(["generate", "--profile", "deskpilot.yaml", "--output", "out", "--no-git"]).status == 0)
        let swiftFiles = s.tree("out/Sources").filter { $0.hasSuffix(".swift") }
        let edited = try #require(swiftFiles.first)
        try s.write("// mine\n", "out/Sources/\(edited)")
        try s.write("version: 1\nname: deskpilot\ndescription: changed\n" + LogScratch.deskpilot.split(separator: "\n").dropFirst(3).joined(separator: "\n") + "\n", "deskpilot.yaml")
        let run = try s.run(["generate", "--profile", "deskpilot.yaml", "--output", "out", "--force", "--no-git"])
        #expect(run.status == 0, "\(run.err)")
        #expect(s.read("out/Sources/\(edited)") == "// mine\n")
        // Sources/ holds only the sources SwiftPM expects: the proposal is under .archdecide/.
        #expect(s.tree("out/Sources").filter { $0.hasSuffix(".swift") } == swiftFiles)
        #expect(!s.tree("out").contains { $0.hasSuffix(".generated") })
        #expect(s.read("out/.archdecide/proposed/Sources/\(edited)") != nil)
    }

    @Test(.enabled(if: built)) func aFailedGitLeavesNoBrokenGitAndSaysTheFilesWereWritten() throws {
        let s = try Scratch()
        defer { s.remove() }
        try s.write("mine\n", "out/notes.txt")
        let full = try s.fakeGit(on: "commit", #"echo "fatal: unable to write new index file: No space left on device" >&2; exit 128"#)
        let run = try s.run(["generate", "--profile", "deskpilot.yaml", "--output", "out", "--force"], ["PATH": full])
        #expect(s.ran("commit"), "the full disk never struck")
        #expect(run.status == 1)
        #expect(run.err.contains("files were written") && run.err.contains("No space left on device") && run.err.contains("no .git was left"), "\(run.err)")
        #expect(run.err.contains("[git-failed]"))
        #expect(!FileManager.default.fileExists(atPath: s.path("out/.git")))
        expectCompleteRepo(s, "out")
        #expect(!s.list("").contains { $0.contains(".archdecide-") }, "a staging folder is left")
        // With git working again, the same command adds the repository and its commit.
        let rerun = try s.run(["generate", "--profile", "deskpilot.yaml", "--output", "out", "--force"])
        #expect(rerun.status == 0 && rerun.out.contains("git: initialised with one commit"), "\(rerun.out)\(rerun.err)")
        let status = Process()
        status.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        status.arguments = ["git", "-C", s.path("out"), "status", "--porcelain"]
        let pipe = Pipe()
        status.standardOutput = pipe
        try status.run()
        let dirty = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        status.waitUntilExit()
        #expect(status.terminationStatus == 0 && dirty.isEmpty, "\(dirty)")
    }

    @Test(.enabled(if: built)) func leftoversOfAKilledRunAreCleanedByTheNext() throws {
        let s = try Scratch()
        defer { s.remove() }
        // git hangs in `add` (it records its pid); the run is killed there, orphaning it.
        let hanging = try s.fakeGit(on: "add", #"echo $$ > "$PID_FILE"; sleep 60"#)
        let child = try s.start(["generate", "--profile", "deskpilot.yaml", "--output", "out"], ["PATH": hanging, "PID_FILE": s.path("git.pid")])
        let deadline = Date().addingTimeInterval(30)
        while s.read("git.pid") == nil && Date() < deadline { usleep(50_000) }
        kill(child.pid, SIGKILL)
        _ = child.wait()
        let orphan = Int32(s.read("git.pid")?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
        defer { if orphan > 0 { kill(orphan, SIGKILL) } }
        #expect(orphan > 0 && kill(orphan, 0) == 0, "the orphaned git is running")
        #expect(s.list("").contains { $0.hasPrefix(".out.archdecide-") }, "the killed run left its staging folder")
        #expect(!FileManager.default.fileExists(atPath: s.path("out")))
        let rerun = try s.run(["generate", "--profile", "deskpilot.yaml", "--output", "out"])
        #expect(rerun.status == 0, "\(rerun.err)")
        #expect(rerun.out.contains("removed 1 staging folder(s) left by an interrupted run"), "\(rerun.out)")
        #expect(!s.list("").contains { $0.contains(".archdecide-") })
        expectCompleteRepo(s, "out")
    }

    // MARK: bounded input

    @Test(.enabled(if: built)) func standardInputIsBoundedForDecideAndGenerate() throws {
        let s = try Scratch()
        defer { s.remove() }
        let started = Date()
        let decide = try s.run(["decide", "--no-record", "-"], stdin: "/dev/zero", timeout: 30)
        #expect(decide.status == 65 && decide.err.contains("-:1:1: error: standard input holds more than 65536 bytes") && decide.err.contains("[too-large]"), "\(decide.err)")
        let generate = try s.run(["generate", "--profile", "-", "--output", "out"], stdin: "/dev/zero", timeout: 30)
        #expect(generate.status == 65 && generate.err.contains("[too-large]"), "\(generate.err)")
        #expect(!FileManager.default.fileExists(atPath: s.path("out")))
        // Refused at the limit, not after reading gigabytes.
        #expect(Date().timeIntervalSince(started) < 20)
        // A profile on standard input still works.
        let ok = try s.run(["decide", "--no-record", "-"], stdin: s.path("deskpilot.yaml"))
        #expect(ok.status == 0 && ok.out.contains("deskpilot"), "\(ok.err)")
    }

    @Test(.enabled(if: built)) func askStandardInputIsBounded() throws {
        let s = try Scratch()
        defer { s.remove() }
        let zero = try s.run(["ask"], stdin: "/dev/zero", timeout: 30)
        #expect(zero.status == 65 && zero.err.contains("<stdin>:") && zero.err.contains("more than 65536 bytes") && zero.err.contains("nothing was saved"), "\(zero.err)")
        #expect(!zero.out.contains("monolith") && !zero.out.contains("microservice"), "a recommendation was printed: \(zero.out)")
    }

    @Test(.enabled(if: built)) func askWithEndlessEmptyLinesEnds() throws {
        let s = try Scratch()
        defer { s.remove() }
        let run = try s.run(["ask"], stdin: "yes", timeout: 30)
        #expect(run.status == 65 && run.err.contains("[too-large]"), "\(run.status) \(run.err)")
    }

    @Test(.enabled(if: built)) func fifosAreRefusedAndTheOtherProfilesDecided() throws {
        let s = try Scratch()
        defer { s.remove() }
        try FileManager.default.createDirectory(at: s.url("profiles"), withIntermediateDirectories: true)
        try LogScratch.deskpilot.write(to: s.url("profiles/a-deskpilot.yaml"), atomically: true, encoding: .utf8)
        #expect(mkfifo(s.path("profiles/b-pipe.yaml"), 0o644) == 0)
        #expect(mkfifo(s.path("pipe.yaml"), 0o644) == 0)
        let folder = try s.run(["decide", "--no-record", "profiles"], timeout: 30)
        #expect(folder.status == 65)
        #expect(folder.err.contains("profiles/b-pipe.yaml:1:1: error: a FIFO (named pipe) is not a profile file") && folder.err.contains("[not-regular-file]"), "\(folder.err)")
        #expect(folder.out.contains("deskpilot"), "the valid profile was not decided: \(folder.out)")
        let single = try s.run(["generate", "--profile", "pipe.yaml", "--output", "out"], timeout: 30)
        #expect(single.status == 65 && single.err.contains("pipe.yaml:1:1: error:") && single.err.contains("[not-regular-file]"), "\(single.err)")
        let device = try s.run(["decide", "--no-record", "/dev/zero"], timeout: 30)
        #expect(device.status == 65 && device.err.contains("a character device is not a profile file"), "\(device.err)")
    }

    @Test(.enabled(if: built)) func ruleFilesAreBoundedBeforeReading() throws {
        let s = try Scratch()
        defer { s.remove() }
        try FileManager.default.createDirectory(at: s.url("rules"), withIntermediateDirectories: true)
        // 1 GB, sparse: refused from its size alone, without reading it.
        let fd = open(s.path("rules/huge.yaml"), O_CREAT | O_WRONLY, 0o644)
        #expect(ftruncate(fd, 1 << 30) == 0)
        close(fd)
        let started = Date()
        let huge = try s.run(["decide", "--no-record", "--rules", "rules", "deskpilot.yaml"], timeout: 30)
        #expect(huge.status == 65 && huge.err.contains("rules/huge.yaml:1:1: error: the file is 1073741824 bytes") && huge.err.contains("[too-large]"), "\(huge.err)")
        #expect(Date().timeIntervalSince(started) < 5)
        let root = try s.run(["decide", "--no-record", "--rules", "/", "deskpilot.yaml"], timeout: 30)
        #expect(root.status == 65 && root.err.contains("the rules folder") && root.err.contains("[too-large]"), "\(root.err)")
    }

    // MARK: no forged lines, no raw control characters

    @Test(.enabled(if: built)) func diagnosticsEscapeEveryEchoedValue() throws {
        let s = try Scratch()
        defer { s.remove() }
        // A key, a value and a name that try to print a second diagnostic line, ring the bell and recolour the terminal.
        let hostile = """
            version: 1
            name: "x\\nforged.yaml:1:1: error: forged [io]"
            "bad\\nforged.yaml:2:1: error: forged key [io]\\u001b[31m": 1
            growth: "likely\\u0007\\u001b]0;title\\u0007\\nforged.yaml:3:1: error: forged value [io]"
            scope: "\\u202Ebroad"

            """
        try s.write(hostile, "hostile.yaml")
        for arguments in [["decide", "--no-record", "hostile.yaml"], ["decide", "--no-record", "--format", "json", "hostile.yaml"],
                          ["decide", "--no-record", "--format", "markdown", "hostile.yaml"],
                          ["generate", "--profile", "hostile.yaml", "--output", "out"]] {
            let run = try s.run(arguments)
            #expect(run.status == 65, "\(arguments)")
            let lines = run.err.split(separator: "\n")
            #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix("hostile.yaml:") }, "a forged or stray line: \(run.err)")
            #expect(!run.errBytes.contains(0x1B) && !run.errBytes.contains(0x07), "ESC or BEL reached the terminal")
            #expect(!run.err.unicodeScalars.contains("\u{202E}"))
        }
        // ArgumentParser's own messages echo arguments: escaped too.
        for arguments in [["decide", "--format", "x\u{1B}[31mred\u{07}\nError: forged", "a.yaml"], ["dec\u{1B}]0;t\u{07}ide"]] {
            let run = try s.run(arguments)
            #expect(run.status == 64, "\(run.err)")
            #expect(!run.errBytes.contains(0x1B) && !run.errBytes.contains(0x07), "\(run.err)")
            #expect(!run.err.split(separator: "\n").contains { $0.hasPrefix("Error: forged") }, "\(run.err)")
        }
        // A path is echoed too: a file name with a line break cannot forge a line either.
        let weird = "a\nforged.yaml:1:1: error: x [io]\u{1B}[2J.yaml"
        try s.write("version: 1\n", weird)
        let run = try s.run(["decide", "--no-record", weird])
        #expect(run.status == 65 && run.err.split(separator: "\n").count == 1, "\(run.err)")
        #expect(!run.errBytes.contains(0x1B))
    }

    @Test(.enabled(if: built)) func descriptionsHoldPlainTextInEveryWriter() throws {
        let s = try Scratch()
        defer { s.remove() }
        let base = LogScratch.deskpilot.split(separator: "\n").dropFirst(3).joined(separator: "\n") + "\n"
        // CR, NUL, BEL, ESC: refused, located, echoed escaped.
        for (bad, shown) in [("\\r\\n# injected", "\\r"), ("a\\0b", "\\0"), ("ring\\a", "\\u{07}"), ("\\e[31mred", "\\u{1B}")] {
            try s.write("version: 1\nname: deskpilot\ndescription: \"\(bad)\"\n" + base, "bad.yaml")
            let run = try s.run(["generate", "--profile", "bad.yaml", "--output", "out-bad", "--no-git"])
            #expect(run.status == 65 && run.err.contains("bad.yaml:3:14: error: 'description' holds the control character \(shown)"), "\(bad): \(run.err)")
            #expect(!run.errBytes.contains(0x1B) && !run.errBytes.contains(0x07))
            #expect(!FileManager.default.fileExists(atPath: s.path("out-bad")))
        }
        // Line breaks and tabs are allowed, and every writer shows them as spaces: no heading, list item or tag starts.
        try s.write("version: 1\nname: deskpilot\ndescription: \"Help desk\\n# injected heading\\n- injected item\\t<b>#(x)</b>\"\n" + base, "ok.yaml")
        let run = try s.run(["generate", "--profile", "ok.yaml", "--output", "out", "--no-git"])
        #expect(run.status == 0, "\(run.err)")
        for file in s.tree("out") where !file.hasPrefix(".archdecide/") {
            guard let data = FileManager.default.contents(atPath: s.path("out/\(file)")) else { continue }
            #expect(!data.contains { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 }, "a control byte in \(file)")
            let text = String(decoding: data, as: UTF8.self)
            for line in text.split(separator: "\n") {
                #expect(!line.hasPrefix("# injected") && !line.hasPrefix("- injected") && !line.contains("<b>"), "\(file): \(line)")
            }
        }
        #expect(s.read("out/README.md")?.contains("Help desk \\# injected heading - injected item &lt;b&gt;") == true
                || s.read("out/README.md")?.contains("Help desk \\# injected heading - injected item \\<b\\>") == true, "\(s.read("out/README.md")?.prefix(600) ?? "")")
        let markdown = try s.run(["decide", "--no-record", "--format", "markdown", "ok.yaml"])
        #expect(markdown.status == 0 && !markdown.out.split(separator: "\n").contains { $0.hasPrefix("# injected") || $0.hasPrefix("- injected") })
    }

    // MARK: the decision log

    @Test(.enabled(if: built)) func aTruncatedLogIsRefusedForWriting() throws {
        let s = try Scratch()
        defer { s.remove() }
        #expect(try s.run(["decide", "deskpilot.yaml"], ["ARCHDECIDE_RECORD": "1"]).status == 0)
        #expect(try s.run(["decide", "deskpilot.yaml"], ["ARCHDECIDE_RECORD": "1"]).status == 0)
        let log = s.path("home/decisions.sqlite")
        // Checkpoint the WAL into the file, then cut one byte off.
        let queue = try DatabaseQueue(path: log)
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
        var info = stat()
        stat(log, &info)
        #expect(truncate(log, info.st_size - 1) == 0)
        let record = try s.run(["decide", "deskpilot.yaml"], ["ARCHDECIDE_RECORD": "1"])
        #expect(record.status == 1)
        #expect(record.err.contains("error: decision not recorded: the database is damaged") && record.err.contains("[log-corrupt]"), "\(record.err)")
        let history = try s.run(["history"])
        #expect(history.err.contains("the database is damaged") && history.err.contains("[log-corrupt]"), "\(history.err)")
    }

    @Test(.enabled(if: built)) func readingCommandsOpenTheLogReadOnly() throws {
        let s = try Scratch()
        defer { s.remove() }
        #expect(try s.run(["decide", "deskpilot.yaml"], ["ARCHDECIDE_RECORD": "1"]).status == 0)
        let log = s.path("home/decisions.sqlite")
        chmod(s.path("home"), 0o755)
        chmod(s.root.path, 0o755)
        chmod(log, 0o644)
        let before = s.list("home")
        let history: Run
        if getuid() == 0 {
            // As root every file is writable: read it as another user, who may read but not write it.
            guard let binary = Binary.url, access("/usr/bin/setpriv", X_OK) == 0 else { return }
            var parts = binary.deletingLastPathComponent()
            while parts.path != "/" {  // the binary's folders must be reachable by that user
                var info = stat()
                stat(parts.path, &info)
                if info.st_mode & 0o001 == 0 { return }
                parts.deleteLastPathComponent()
            }
            history = try s.run(["history"], stdin: nil, timeout: 30, sourceLocation: #_sourceLocation, setpriv: true)
        } else {
            chmod(log, 0o444)
            chmod(s.path("home"), 0o555)
            history = try s.run(["history"])
        }
        #expect(history.status == 0, "\(history.err)")
        #expect(history.out.contains("deskpilot"), "\(history.out)")
        #expect(!history.err.contains("readonly"))
        chmod(s.path("home"), 0o755)
        #expect(s.list("home") == before, "the reader created or removed files beside the log")
    }

    @Test(.enabled(if: built)) func aLogPathThatIsNotARegularFileIsRefused() throws {
        let s = try Scratch()
        defer { s.remove() }
        let before = (try? FileManager.default.contentsOfDirectory(atPath: "/dev"))?.filter { $0.hasPrefix("null.") } ?? []
        let run = try s.run(["decide", "deskpilot.yaml"], ["ARCHDECIDE_DB": "/dev/null", "ARCHDECIDE_RECORD": "1"])
        #expect(run.status == 1 && run.err.contains("/dev/null: error: decision not recorded: this is not a regular file") && run.err.contains("[log-unwritable]"), "\(run.err)")
        let after = (try? FileManager.default.contentsOfDirectory(atPath: "/dev"))?.filter { $0.hasPrefix("null.") } ?? []
        #expect(after == before, "files were created beside /dev/null: \(after)")
        #expect(mkfifo(s.path("fifo.sqlite"), 0o644) == 0)
        let fifo = try s.run(["history"], ["ARCHDECIDE_DB": s.path("fifo.sqlite")], timeout: 30)
        #expect(fifo.status == 1 && fifo.err.contains("not a regular file"), "\(fifo.err)")
        #expect(s.list("") .filter { $0.hasPrefix("fifo.sqlite") } == ["fifo.sqlite"])
    }
}

extension ReliabilityTests.Scratch {
    /// Runs as the unprivileged user 65534 (`setpriv`), for checks that root's access would hide.
    func run(_ arguments: [String], stdin: String?, timeout: Double, sourceLocation: SourceLocation, setpriv: Bool) throws -> ReliabilityTests.Run {
        guard let binary = Binary.url else { throw CocoaError(.fileNoSuchFile) }
        let child = try ReliabilityTests.Child(["--reuid=65534", "--regid=65534", "--clear-groups", binary.path] + arguments,
                                               in: root, environment: env(), stdin: stdin, executable: "/usr/bin/setpriv")
        return child.wait(timeout: timeout, sourceLocation: sourceLocation)
    }
}

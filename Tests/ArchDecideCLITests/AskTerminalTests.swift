import Foundation
import Testing
import TestSupport

/// A private tmux server with one pane running a command: keys in, screen text out, bounded waits.
final class AskTmux {
    static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static var available: Bool { executable != nil }

    let socket = "archdecide-ask-\(UUID().uuidString.prefix(8))"

    init(command: String, width: Int = 100, height: Int = 40) throws {
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", String(height), "-s", "ask", command])
    }

    deinit { kill() }

    func kill() { _ = try? tmux(["kill-server"]) }

    /// Runs one tmux command and returns what it printed (at most 10 s).
    ///
    /// Spawned directly rather than with Process: Process reports the end of the tmux client only
    /// after a long delay once the client has forked the server. The spawn also resets the signal
    /// mask, which test threads may have blocked, so the pane's programs start with a normal one.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket)-\(UUID().uuidString).out").path
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGWINCH] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([Self.executable!, "-L", socket] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.filter { $0.key != "TMUX" }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, Self.executable!, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(10)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                Foundation.kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                break
            }
            usleep(2_000)
        }
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    /// Sends tmux key names (`Down`, `Enter`, `C-c`) or literal text (`-l`).
    func keys(_ names: String...) throws { try tmux(["send-keys", "-t", "ask"] + names) }
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "ask", "-l", text]) }

    /// The pane's text, with up to 300 lines of history.
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "ask", "-S", "-300"]) }

    /// Waits until the pane shows `text` (at most `timeout` seconds) and returns the screen.
    @discardableResult
    func wait(for text: String, timeout: TimeInterval = 20, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the pane never showed \"\(text)\" within \(timeout) s; it shows:\n\(last)", sourceLocation: sourceLocation)
        throw CancellationError()
    }

    /// Waits until the pane's screen satisfies `condition` (at most `timeout` seconds) and returns it.
    @discardableResult
    func wait(until description: String, timeout: TimeInterval = 20, sourceLocation: SourceLocation = #_sourceLocation,
              _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the pane never showed \(description) within \(timeout) s; it shows:\n\(last)", sourceLocation: sourceLocation)
        throw CancellationError()
    }

    /// The process the pane's shell is running (the archdecide under test).
    func childProcess() throws -> Int32? {
        let shell = try tmux(["display-message", "-p", "-t", "ask", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }
}

/// `archdecide ask` through a real pseudo-terminal (tmux): raw-mode keys, the screens, and what is saved.
/// Needs tmux (`apt-get install -y tmux`); skipped, saying so, when it is absent.
@Suite(.serialized, .enabled(if: AskTmux.available, "tmux is not installed; run `apt-get install -y tmux` to run the terminal tests"))
struct AskTerminalTests {
    func command(_ folder: URL, _ arguments: String, environment: String = "NO_COLOR=1") throws -> String {
        let binary = try AskBinary.require()
        return "cd '\(folder.path)' && env \(environment) '\(binary)' ask \(arguments); echo ASK-EXIT:$?; "
            + "stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig)$' | tr '\\n' ' '; echo STTY-DONE; sleep 120"
    }

    @Test func answeringGoingBackChangingAndSavingMatchesDecide() throws {
        let folder = try AskBinary.temporaryFolder()
        let pane = try AskTmux(command: try command(folder, "--name deskpilot --save-profile deskpilot.yaml --no-record"))
        defer { pane.kill() }

        try pane.wait(for: "1/11")
        try pane.keys("Down", "Enter")                     // data_model: significant
        try pane.wait(for: "2/11")
        try pane.keys("y")                                 // admin_ui: yes ...
        try pane.wait(for: "3/11")
        try pane.keys("Left")                              // ... back ...
        var screen = try pane.wait(for: "your answer")
        #expect(screen.contains("2/11"))
        try pane.keys("n")                                 // ... changed to no
        try pane.wait(for: "3/11")
        try pane.keys("y")                                 // auth
        try pane.wait(for: "4/11")
        try pane.keys("n")                                 // payments
        try pane.wait(for: "5/11")
        try pane.keys("3")                                 // growth: likely
        try pane.wait(for: "6/11")
        try pane.keys("Enter")                             // scope: broad
        try pane.wait(for: "7/11")
        try pane.keys("Down", "Down", "Down", "Space", "j", "Space", "Enter")  // + embeddings, streaming
        try pane.wait(for: "8/12")                         // AI workloads: the AI volume question comes in
        try pane.keys("n")                                 // performance_critical
        try pane.wait(for: "9/12")
        try pane.type("abc")
        try pane.keys("Enter")
        try pane.wait(for: "is not a whole number")        // inline message, same question
        try pane.keys("BSpace", "BSpace", "BSpace")
        try pane.type("3000")
        try pane.keys("Enter")
        try pane.wait(for: "10/13")                        // the latency question comes in too
        try pane.keys("Enter")                             // ai_peak_rps: empty, the same as peak_rps
        try pane.wait(for: "11/13")
        try pane.type("250")
        try pane.keys("Enter")
        try pane.wait(for: "12/13")
        try pane.type("8")
        try pane.keys("Enter")
        try pane.wait(for: "13/13")
        try pane.type("django")
        try pane.keys("Enter")
        screen = try pane.wait(for: "Live recommendation:")
        let live = try #require(screen.firstMatch(of: /Live recommendation: (\w+) \(confidence ([0-9.]+)\)/))
        try pane.keys("d")
        screen = try pane.wait(for: "STTY-DONE")
        #expect(screen.contains("ASK-EXIT:0"))
        #expect(screen.contains("Saved the profile to deskpilot.yaml."))
        let shown = try #require(screen.firstMatch(of: /deskpilot → (\w+)  \(confidence ([0-9.]+)\)/))
        #expect(screen.contains("icanon") && !screen.contains("-icanon") && !screen.contains("-echo"), "terminal restored")

        let saved = try String(contentsOf: folder.appendingPathComponent("deskpilot.yaml"), encoding: .utf8)
        #expect(saved.contains("data_model: significant\nadmin_ui: false\nauth: true\npayments: false\ngrowth: likely\nscope: broad\n"))
        #expect(saved.contains("workloads: [crud, embeddings, streaming_inference]"))
        #expect(saved.contains("traffic:\n  peak_rps: 3000\n  latency_p99_ms: 250\nteam:\n  size: 8\n  knows: [django]\n"))

        let decided = try AskBinary.run(["decide", "deskpilot.yaml", "--format", "json", "--no-record"], in: folder)
        #expect(decided.status == 0, "\(decided.stderr)")
        let json = try AskBinary.json(decided.stdout)
        let recommendation = try #require(json["recommendation"] as? String)
        let confidence = try #require(json["confidence"] as? Double)
        #expect(String(shown.1) == recommendation)
        #expect(String(shown.2) == String(format: "%.2f", confidence))
        #expect(String(live.1) == recommendation, "the review's live recommendation is the final one")
        #expect(String(live.2) == String(format: "%.2f", confidence))
    }

    @Test func ctrlCExits130RestoresTheTerminalAndSavesNothing() throws {
        let folder = try AskBinary.temporaryFolder()
        let pane = try AskTmux(command: try command(folder, "--save-profile p.yaml --no-record"))
        defer { pane.kill() }
        try pane.wait(for: "1/11")
        try pane.keys("Enter")
        try pane.wait(for: "2/11")
        try pane.keys("C-c")
        let screen = try pane.wait(for: "STTY-DONE")
        #expect(screen.contains("ASK-EXIT:130"))
        #expect(screen.contains("interrupted; nothing was saved"))
        #expect(screen.contains("isig icanon echo"), "terminal modes restored: \(screen)")
        #expect(try pane.tmux(["display-message", "-p", "-t", "ask", "#{alternate_on}"]).hasPrefix("0"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("p.yaml").path))
    }

    @Test func sigtermFromOutsideRestoresTheTerminal() throws {
        let folder = try AskBinary.temporaryFolder()
        let pane = try AskTmux(command: try command(folder, "--save-profile p.yaml --no-record"))
        defer { pane.kill() }
        try pane.wait(for: "1/11")
        let pid = try #require(try pane.childProcess(), "cannot find the archdecide process")
        // The pane's shell runs `env`, which execs archdecide: this is a process this test started.
        Foundation.kill(pid, SIGTERM)
        let screen = try pane.wait(for: "STTY-DONE")
        #expect(screen.contains("ASK-EXIT:143"))
        #expect(screen.contains("isig icanon echo"), "terminal modes restored: \(screen)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("p.yaml").path))
    }

    @Test func aCrashWhileAskingStillRestoresTheTerminal() throws {
        let folder = try AskBinary.temporaryFolder()
        let pane = try AskTmux(command: "ulimit -c 0; " + (try command(folder, "--save-profile p.yaml --no-record")))
        defer { pane.kill() }
        try pane.wait(for: "1/11")
        let pid = try #require(try pane.childProcess(), "cannot find the archdecide process")
        Foundation.kill(pid, SIGSEGV)  // as a crash would: the handler restores, then the crash goes on
        let screen = try pane.wait(for: "STTY-DONE")
        #expect(screen.contains("ASK-EXIT:139"))
        #expect(screen.contains("isig icanon echo"), "terminal modes restored: \(screen)")
        #expect(try pane.tmux(["display-message", "-p", "-t", "ask", "#{alternate_on}"]).hasPrefix("0"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("p.yaml").path))
    }

    @Test func redrawsToTheNewWidthWhenTheTerminalIsResized() throws {
        let folder = try AskBinary.temporaryFolder()
        let pane = try AskTmux(command: try command(folder, "--name deskpilot --no-record"), width: 100)
        defer { pane.kill() }
        func titleWidth(_ screen: String) -> Int? {
            screen.split(separator: "\n").first { $0.hasPrefix("archdecide ask") }.map(\.count)
        }
        try pane.wait(until: "a 100-column title") { titleWidth($0) == 100 }
        try pane.tmux(["resize-window", "-t", "ask", "-x", "50", "-y", "30"])
        let screen = try pane.wait(until: "a 50-column title after SIGWINCH") { titleWidth($0) == 50 }
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 50 })
        try pane.keys("C-c")
        try pane.wait(for: "STTY-DONE")
    }

    @Test func colourOnAColourTerminalAndNeverWithNO_COLOR() throws {
        let folder = try AskBinary.temporaryFolder()
        for (environment, coloured) in [("-u NO_COLOR TERM=screen", true), ("NO_COLOR=1 TERM=screen", false)] {
            let pane = try AskTmux(command: try command(folder, "--name deskpilot --no-record", environment: environment))
            defer { pane.kill() }
            try pane.wait(for: "1/11")
            let styled = try pane.tmux(["capture-pane", "-p", "-e", "-t", "ask"])
            #expect(styled.contains("\u{1B}[1m") == coloured, "\(environment): \(styled)")
            try pane.keys("C-c")
            try pane.wait(for: "STTY-DONE")
        }
    }

    @Test func dumbTerminalGetsPlainPrompts() throws {
        let folder = try AskBinary.temporaryFolder()
        let pane = try AskTmux(command: try command(folder, "--name plain --save-profile p.yaml --no-record", environment: "TERM=dumb"))
        defer { pane.kill() }
        try pane.wait(for: "[1/11] Does this service have a data model of its own?")
        try pane.type("huge")
        try pane.keys("Enter")
        try pane.wait(for: "✗ 'huge' is not one of")
        try pane.type("none")
        try pane.keys("Enter")
        for _ in 0..<10 {
            try pane.keys("Enter")
            Thread.sleep(forTimeInterval: 0.05)
        }
        try pane.wait(for: "Review your answers:")
        try pane.keys("Enter")
        let screen = try pane.wait(for: "STTY-DONE")
        #expect(screen.contains("ASK-EXIT:0"))
        #expect(screen.contains("plain → "))
        #expect(try String(contentsOf: folder.appendingPathComponent("p.yaml"), encoding: .utf8).contains("data_model: none"))
    }
}

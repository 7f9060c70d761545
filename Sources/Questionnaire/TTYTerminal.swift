#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The state a signal handler needs to put the terminal back. Signal handlers cannot capture
// context, so it lives in globals; it is written only while no handler can run (begin/end).
nonisolated(unsafe) private var savedTermios = termios()
nonisolated(unsafe) private var ttyInput: Int32 = -1
nonisolated(unsafe) private var ttyOutput: Int32 = -1
nonisolated(unsafe) private var rawModeActive: sig_atomic_t = 0
nonisolated(unsafe) private var resizePending: sig_atomic_t = 0
nonisolated(unsafe) private var exitHookInstalled = false

/// Leaves the full-screen view and restores the saved terminal modes. Async-signal-safe.
private func restoreTerminal() {
    guard rawModeActive != 0 else { return }
    rawModeActive = 0
    _ = tcsetattr(ttyInput, TCSANOW, &savedTermios)
    let leave: StaticString = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"
    leave.withUTF8Buffer { buffer in _ = write(ttyOutput, buffer.baseAddress, buffer.count) }
}

/// The real terminal: raw mode through termios, the alternate screen, width from TIOCGWINSZ.
///
/// The terminal is restored on every way out: `end()`, normal exit (atexit), SIGINT, SIGTERM and
/// SIGHUP (which exit with 128 + the signal), and crashes (SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS,
/// SIGFPE), which are then re-raised so the crash still reports as one.
public final class TTYTerminal: Terminal {
    public let colors: Bool
    let input: Int32
    let output: Int32
    var decoder = KeyDecoder()
    var queued: [Key] = []
    var previousHandlers: [Int32: sighandler_t?] = [:]

    /// Nil when `input` is not a terminal.
    public init?(input: Int32 = STDIN_FILENO, output: Int32 = STDERR_FILENO, colors: Bool) {
        guard isatty(input) == 1 else { return nil }
        self.input = input
        self.output = output
        self.colors = colors
    }

    /// Columns, read with TIOCGWINSZ at each use (so a resize is followed); 80 when unknown.
    public var width: Int { size.columns }
    /// Rows, read like `width`; 24 when unknown.
    public var height: Int { size.rows }

    var size: (columns: Int, rows: Int) {
        var ws = winsize()
        let ok = withUnsafeMutablePointer(to: &ws) { ioctl(output, UInt(TIOCGWINSZ), $0) } == 0
            || withUnsafeMutablePointer(to: &ws) { ioctl(input, UInt(TIOCGWINSZ), $0) } == 0
        guard ok, ws.ws_col > 0 else { return (80, 24) }
        return (Int(ws.ws_col), Int(max(ws.ws_row, 1)))
    }

    /// Saves the modes, enters raw mode and the alternate screen, and installs the restoring signal handlers.
    public func begin() {
        guard rawModeActive == 0 else { return }
        var saved = termios()
        guard tcgetattr(input, &saved) == 0 else { return }
        savedTermios = saved
        ttyInput = input
        ttyOutput = output
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | BRKINT | INPCK | ISTRIP)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        installHandlers()
        rawModeActive = 1
        // TCSANOW, not TCSAFLUSH: keys typed ahead (or sent by a script) must not be lost.
        _ = tcsetattr(input, TCSANOW, &raw)
        send("\u{1B}[?1049h\u{1B}[H\u{1B}[2J")
    }

    /// Restores the saved modes and the normal screen, and the previous signal handlers.
    public func end() {
        restoreTerminal()
        for (number, handler) in previousHandlers { _ = signal(number, handler) }
        previousHandlers = [:]
    }

    /// Redraws from the top left.
    public func draw(_ frame: String) {
        // Home, each line cleared to its end, then everything below cleared: no flicker of a full clear.
        let body = frame.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\u{1B}[K\r\n")
        send("\u{1B}[H" + body + "\u{1B}[K\u{1B}[J")
    }

    /// Waits for a key; `.resize` after SIGWINCH, `.endOfInput` when the terminal goes away.
    public func readKey() -> Key {
        while true {
            if !queued.isEmpty { return queued.removeFirst() }
            if resizePending != 0 {
                resizePending = 0
                return .resize
            }
            var fds = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fds, 1, 500)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            var bytes = readAvailable()
            guard !bytes.isEmpty else { return .endOfInput }
            // A lone ESC may be the start of an arrow key whose rest is still on its way.
            if bytes.last == 0x1B {
                var more = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
                if poll(&more, 1, 40) > 0 { bytes += readAvailable() }
            }
            queued += decoder.feed(bytes)
        }
    }

    func readAvailable() -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            return n > 0 ? Array(buffer[0..<n]) : []
        }
    }

    func send(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(output, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }

    func installHandlers() {
        if !exitHookInstalled {
            exitHookInstalled = true
            atexit { restoreTerminal() }
        }
        func install(_ number: Int32, _ handler: @escaping @convention(c) (Int32) -> Void) {
            previousHandlers[number] = signal(number, handler)
        }
        install(SIGINT) { _ in restoreTerminal(); _exit(130) }
        install(SIGTERM) { _ in restoreTerminal(); _exit(143) }
        install(SIGHUP) { _ in restoreTerminal(); _exit(129) }
        for crash in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            install(crash) { sig in
                restoreTerminal()
                _ = signal(sig, SIG_DFL)
                _ = raise(sig)
            }
        }
        // poll() returns EINTR on a signal whatever SA_RESTART says, so a resize is seen at once.
        install(SIGWINCH) { _ in resizePending = 1 }
        // A parent may have started us with these blocked (a blocked mask survives exec): unblock
        // them, or Ctrl-C from outside, a kill or a resize would never reach the handlers.
        var handled = sigset_t()
        sigemptyset(&handled)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            sigaddset(&handled, number)
        }
        _ = pthread_sigmask(SIG_UNBLOCK, &handled, nil)
    }
}

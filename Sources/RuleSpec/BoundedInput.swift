import DecisionModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a profile or rule file, or standard input, never more than a limit: the size is checked
/// before reading (files) or while reading, a chunk at a time (streams), and anything that is not
/// a regular file (a FIFO, a device, a socket) is refused without blocking in `open`.
public enum BoundedInput {
    /// The bytes, or why they were not read (a located diagnostic naming `name`).
    public typealias Outcome = Swift.Result<Data, Diagnostic>

    /// Reads the regular file at `path`, at most `limit` bytes.
    public static func file(_ path: String, limit: Int, what: String = "a profile") -> Outcome {
        let at = SourceLocation(file: path, line: 1, column: 1)
        // O_NONBLOCK: opening a FIFO with no writer must not wait; the type is checked on the descriptor.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "no such file" : errno == EACCES ? "permission denied" : String(cString: strerror(errno))
            return .failure(Diagnostic(.io, "cannot read the file: \(reason)", at: at))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            return .failure(Diagnostic(.io, "cannot read the file: \(String(cString: strerror(errno)))", at: at))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(Diagnostic(.notRegularFile, "\(kind(info.st_mode)) is not \(what) file; only regular files are read", at: at))
        }
        if Int(info.st_size) > limit {
            return .failure(Diagnostic(.tooLarge, "the file is \(info.st_size) bytes, larger than \(limit) bytes, the limit for \(what)", at: at))
        }
        // Back to blocking reads (a regular file never blocks anyway); read one byte past the limit
        // in case the file grows while it is read.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return read(fd, name: path, limit: limit, what: what)
    }

    /// Reads standard input to its end, at most `limit` bytes, a chunk at a time.
    public static func standardInput(limit: Int, what: String = "a profile") -> Outcome {
        read(STDIN_FILENO, name: "-", limit: limit, what: what)
    }

    /// Reads `fd` to its end in chunks; more than `limit` bytes is refused as soon as it is seen.
    static func read(_ fd: Int32, name: String, limit: Int, what: String) -> Outcome {
        let at = SourceLocation(file: name, line: 1, column: 1)
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n == 0 { return .success(data) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN {  // a non-blocking stream with nothing yet: wait for it
                    var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    _ = poll(&poller, 1, -1)
                    continue
                }
                return .failure(Diagnostic(.io, "cannot read \(name == "-" ? "standard input" : "the file"): \(String(cString: strerror(errno)))", at: at))
            }
            data.append(contentsOf: chunk[0..<n])
            if data.count > limit {
                let source = name == "-" ? "standard input holds" : "the file holds"
                return .failure(Diagnostic(.tooLarge, "\(source) more than \(limit) bytes, the limit for \(what)", at: at))
            }
        }
    }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFDIR: "a folder"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "this"
        }
    }
}

import Foundation
import DecisionModel

/// Applies an `UpdatePlan` to a repo with `PlanWriter`'s mechanisms: every new text is staged in
/// a private folder inside the repo first (so a failure there changes nothing), then each file is
/// moved into place with one `rename(2)` (never half-written), removals follow, and the base index
/// is replaced last: an update cut short leaves the old base, and running `update` again finishes
/// it (a file already updated then counts as "already right").
public struct UpdateWriter: Sendable {
    public init() {}

    /// Reads the working tree at a path, for `UpdatePlan.make`.
    public static func current(root: URL) -> (String) -> UpdatePlan.Current {
        { path in
            let url = root.appendingPathComponent(path)
            var info = stat()
            guard lstat(url.path, &info) == 0 else { return .missing }
            guard (info.st_mode & S_IFMT) == S_IFREG, let data = FileManager.default.contents(atPath: url.path),
                  let text = String(data: data, encoding: .utf8) else { return .other }
            return .text(text)
        }
    }

    /// Checks before any write that no folder stands where a file goes (and no file where a folder goes).
    public func check(_ plan: UpdatePlan, root: URL) throws(Diagnostic) {
        let fm = FileManager.default
        for step in plan.steps where step.text != nil {
            var prefix = root
            for part in step.path.split(separator: "/").dropLast() {
                prefix.appendPathComponent(String(part))
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: prefix.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    throw PlanWriter.failure(.pathConflict, prefix.path, "is a file, but the update needs a folder there; nothing was changed")
                }
            }
        }
    }

    /// Writes the plan's texts, removes what it removes, and records the new base and manifest.
    /// Returns the paths changed (written or removed), for the commit.
    public func apply(_ plan: UpdatePlan, root: URL, baseInfo: BaseSnapshot.Info) throws -> [String] {
        let fm = FileManager.default
        try check(plan, root: root)
        let writer = PlanWriter()
        let (staging, lock) = try writer.makeStagingFolder(in: root, name: "update")
        defer {
            try? fm.removeItem(at: staging)
            lock.release()
        }

        let snapshot = BaseSnapshot(info: baseInfo, files: plan.newBase)
        let baseFiles = snapshot.plannedFiles()
        var moves: [(from: URL, to: URL, path: String)] = []
        var index = 0
        func stage(_ text: String, _ path: String, executable: Bool) throws {
            let staged = staging.appendingPathComponent("f\(index)")
            index += 1
            try writer.put(text, at: staged, executable: executable)
            moves.append((staged, root.appendingPathComponent(path), path))
        }
        for step in plan.steps {
            if let text = step.text { try stage(text, step.path, executable: step.executable) }
        }
        // Base copies first (new names only: a copy with this sha256 already holds this text), the index last.
        let oldBlobs = Set(((try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(BaseSnapshot.folder).path)) ?? [])
            .filter { $0.count == 64 })
        let newBlobs = Set(baseFiles.dropFirst().map { String($0.path.split(separator: "/").last!) })
        for file in baseFiles.dropFirst() where !oldBlobs.contains(String(file.path.split(separator: "/").last!)) {
            try stage(file.text, file.path, executable: false)
        }
        // PlanWriter's manifest, so `generate --force` still recognises archdecide's own files.
        var manifest: [String: String] = [:]
        for file in baseFiles { manifest[file.path] = PlanWriter.sha256(file.text) }
        for (path, text) in plan.newBase { manifest[path] = PlanWriter.sha256(text) }
        try stage(PlanWriter.renderManifest(manifest), PlanWriter.manifestPath, executable: false)
        try stage(baseFiles[0].text, BaseSnapshot.indexPath, executable: false)

        var changed: [String] = []
        for move in moves {
            // Folder by folder, refusing a symbolic link or a file on the way: nothing lands outside the repo.
            try writer.ensureFolders(root, String(move.path.split(separator: "/").dropLast().joined(separator: "/")), shown: root.path)
            try writer.move(move.from, to: move.path, in: root, shown: root.path)
            changed.append(move.path)
        }
        for step in plan.steps where step.kind == .remove {
            let url = root.appendingPathComponent(step.path)
            guard unlink(url.path) == 0 || errno == ENOENT else {
                throw PlanWriter.failure(.writeFailed, url.path, "cannot remove the file: \(String(cString: strerror(errno)))")
            }
            changed.append(step.path)
            removeEmptyFolders(from: url.deletingLastPathComponent(), root: root)
        }
        for blob in oldBlobs.subtracting(newBlobs) {
            let path = "\(BaseSnapshot.folder)/\(blob)"
            if unlink(root.appendingPathComponent(path).path) == 0 { changed.append(path) }
        }
        return changed
    }

    /// Removes folders left empty by a removal, up to (not including) the repo root.
    private func removeEmptyFolders(from folder: URL, root: URL) {
        var folder = folder.standardizedFileURL
        let rootPath = root.standardizedFileURL.path
        while folder.path.hasPrefix(rootPath + "/"), rmdir(folder.path) == 0 {
            folder.deleteLastPathComponent()
        }
    }
}

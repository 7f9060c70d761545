@testable import ArchDecideCLI
import Testing

/// How `ask` picks its front end, and the names it proposes.
@Suite struct AskModeTests {
    @Test func frontEndFollowsTheTerminalAndTERM() {
        #expect(AskMode.choose(defaults: true, environment: ["TERM": "xterm"], inputIsTerminal: true, errorIsTerminal: true) == .defaults)
        #expect(AskMode.choose(defaults: false, environment: ["TERM": "xterm"], inputIsTerminal: true, errorIsTerminal: true) == .screen)
        #expect(AskMode.choose(defaults: false, environment: ["TERM": "dumb"], inputIsTerminal: true, errorIsTerminal: true) == .lines(interactive: true))
        #expect(AskMode.choose(defaults: false, environment: [:], inputIsTerminal: true, errorIsTerminal: true) == .lines(interactive: true))
        #expect(AskMode.choose(defaults: false, environment: ["TERM": "xterm"], inputIsTerminal: true, errorIsTerminal: false) == .lines(interactive: true))
        #expect(AskMode.choose(defaults: false, environment: ["TERM": "xterm"], inputIsTerminal: false, errorIsTerminal: true) == .lines(interactive: false))
    }

    @Test func proposedNamesAreValidProfileNames() {
        #expect(AskNaming.sanitized("My Service_2") == "my-service-2")
        #expect(AskNaming.sanitized("2fast--API!") == "fast-api")
        #expect(AskNaming.sanitized("___") == nil)
        #expect(AskNaming.sanitized(String(repeating: "a", count: 100))?.count == 63)
        #expect(AskNaming.name(saveProfile: "/tmp/Desk Pilot.yaml", folder: "/work/x") == "desk-pilot")
        #expect(AskNaming.name(saveProfile: nil, folder: "/work/wt-ask") == "wt-ask")
        #expect(AskNaming.name(saveProfile: "---.yaml", folder: "/") == "my-service")
    }
}

/// One key press (or terminal event) as the questionnaire UI understands it.
public enum Key: Hashable, Sendable {
    case up, down, left, right
    case enter, space, backspace, tab, escape
    /// Ctrl-C: quit without saving.
    case interrupt
    /// Ctrl-D, or the end of input.
    case endOfInput
    /// The terminal changed size.
    case resize
    case character(Character)
}


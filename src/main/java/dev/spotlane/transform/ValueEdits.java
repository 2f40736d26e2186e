package dev.spotlane.transform;

import dev.spotlane.yaml.EditPlan;
import dev.spotlane.yaml.Span;
import dev.spotlane.yaml.TextEdit;
import dev.spotlane.yaml.YamlEditor;
import dev.spotlane.yaml.YamlEntry;
import dev.spotlane.yaml.YamlValue;

/** Edits shared by the planners. */
final class ValueEdits {
    private ValueEdits() {
    }

    /**
     * Replaces an entry's value with a one-line value. A value written on the lines below its key (a block list, a
     * {@code !reference} on its own line) is replaced together with the line break before it, so the new value sits
     * on the key's line ({@code pull_policy: always}, not {@code pull_policy:} and {@code always} beneath it);
     * when a comment sits between the key and the value, the value is replaced where it is.
     */
    static EditPlan replaceEntryValue(YamlEditor editor, YamlEntry entry, YamlValue value) {
        EditPlan plan = editor.replaceValue(entry.value(), value);
        String text = editor.file().text();
        int keyEnd = entry.key().span().end();
        int valueStart = entry.value().span().start();
        if (plan.edits().size() != 1 || keyEnd > valueStart) {
            return plan;
        }
        String between = text.substring(keyEnd, valueStart);
        if (between.indexOf('\n') < 0 || !between.strip().equals(":")) {
            return plan;
        }
        TextEdit edit = plan.edits().get(0);
        int afterColon = keyEnd + between.indexOf(':') + 1;
        return EditPlan.of(new TextEdit(new Span(afterColon, edit.span().end()), " " + edit.replacement()));
    }
}

#!/usr/bin/env bash
# Fails if a Swift file breaks the layout rules of .swift-format, as `swift format lint` (the
# swift-format of the Swift toolchain) and two checks of its own find them, printing each
# problem as FILE:LINE:COLUMN. Run by `make test`; docs/formatting.md says what is checked,
# what is not and why.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)}
paths=(Sources Tests Examples Plugins Package.swift)
setting() { sed -nE "s/^ *\"$1\" *: *([0-9]+).*/\1/p" .swift-format; }
line_length=$(setting lineLength)
blank_lines=$(setting maximumBlankLines)
if [ -z "$line_length" ] || [ -z "$blank_lines" ]; then
    echo ".swift-format: lineLength and maximumBlankLines must be set (numbers)"
    exit 1
fi

status=0
lint=$("$SWIFT" format lint --strict --parallel --recursive "${paths[@]}" 2>&1) || status=$?

# swift-format also compares every line with the layout its pretty-printer would give it, and no
# configuration key turns that comparison off. Four of its categories describe a layout this
# code does not use, so they are not failures here (docs/formatting.md):
#   Indentation, AddLines, RemoveLine: wrapped argument lists and conditions are aligned under
#     their first element, where the printer breaks after the bracket and indents one level;
#   TrailingComma: multi-line collection literals have a trailing comma or not;
#   Spacing before an end-of-line `//` comment: comments are aligned in columns.
# LineLength is checked below, in characters, on the file as it is (the printer reports a long
# line it could break as AddLines, and LineLength for the lines of its own layout).
problems=$(printf '%s\n' "$lint" | perl -ne '
    chomp;
    next unless /\S/;
    if (/^(.+?\.swift):(\d+):(\d+): (?:warning|error): \[(\w+)\] (.*)$/) {
        my ($file, $line, $column, $category, $message) = ($1, $2, $3, $4, $5);
        next if $category =~ /^(Indentation|AddLines|RemoveLine|TrailingComma|LineLength)$/;
        if ($category eq "Spacing") {
            open(my $in, "<", $file) or die "$file: $!";
            my $text; while (<$in>) { if ($. == $line) { $text = $_; last } }
            close $in;
            next if defined $text && substr($text, $column - 1) =~ m{^\s*//};
        }
        print "$file:$line:$column: $message [$category]\n";
    } else {
        print "swift format: $_\n";
    }')
if [ -z "$problems" ] && [ "$status" -ne 0 ] && [ -z "$lint" ]; then
    problems="swift format lint exited with status $status and printed nothing (is '$SWIFT format' there?)"
fi

# Line length in characters and runs of blank lines, over the files swift-format lints (hidden
# folders such as .build skipped, as swift-format skips them).
own=$(find "${paths[@]}" -name '.*' -prune -o -name '*.swift' -type f -print | sort | xargs perl -CSD -ne '
    BEGIN { ($limit, $blanks) = (shift, shift) }
    chomp;
    my $length = length $_;
    print "$ARGV:$.:1: line is $length characters long, more than $limit\n" if $length > $limit;
    if (/^\s*$/) { $run++; print "$ARGV:$.:1: more than $blanks blank line(s) in a row\n" if $run == $blanks + 1 } else { $run = 0 }
    if (eof) { close ARGV; $run = 0 }' "$line_length" "$blank_lines")
problems=$(printf '%s\n%s\n' "$problems" "$own" | awk 'NF && !seen[$0]++')

if [ -n "$problems" ]; then
    printf '%s\n' "$problems"
    echo "check-format: $(printf '%s\n' "$problems" | wc -l) formatting problem(s) (.swift-format; docs/formatting.md)"
    exit 1
fi
echo "check-format: the Swift files follow .swift-format"

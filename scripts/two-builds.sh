# Sourced by ab.sh and bits.sh, from the repository's root with $rev set: builds commit $rev's test classes in a
# temporary git worktree, $base (removed when the script exits), and the working tree's, and writes the test class
# path to target/ab-classpath.txt. The argument names the temporary directory.
base=$(mktemp -d "/tmp/gradserve-$1.XXXXXX")
trap 'git worktree remove --force "$base" >/dev/null 2>&1 || rm -rf "$base"' EXIT
git worktree add --quiet --detach -f "$base" "$rev"
(cd "$base" && ./mvnw -B -q test-compile)
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/ab-classpath.txt -Dmdep.includeScope=test

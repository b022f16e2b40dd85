function __hvharden_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __hvharden_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __hvharden_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __hvharden_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __hvharden_parse_tokens -S
    set -l unparsed_tokens (__hvharden_tokens -pc)
    switch $unparsed_tokens[1]
    case 'hvharden'
        __hvharden_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'validate'
            __hvharden_parse_subcommand -r 1 'version' 'h/help'
        case 'plan'
            __hvharden_parse_subcommand 0 'profile=+' 'connect=' 'root=' 'domain=+' 'state-dir=' 'format=' 'out=' 'parallelism=' 'detailed-exitcode' 'fail-on=' 'no-color' 'version' 'h/help'
        case 'show'
            __hvharden_parse_subcommand 1 'format=' 'detailed-exitcode' 'fail-on=' 'no-color' 'version' 'h/help'
        case 'apply'
            __hvharden_parse_subcommand 1 'profile=+' 'connect=' 'root=' 'domain=+' 'state-dir=' 'lock-dir=' 'lock-timeout=' 'auto-approve' 'format=' 'version' 'h/help'
        case 'rollback'
            __hvharden_parse_subcommand 1 'state-dir=' 'lock-dir=' 'lock-timeout=' 'force' 'format=' 'version' 'h/help'
        case 'journal'
            __hvharden_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __hvharden_parse_subcommand 0 'state-dir=' 'format=' 'version' 'h/help'
            case 'show'
                __hvharden_parse_subcommand 1 'state-dir=' 'format=' 'version' 'h/help'
            case 'prune'
                __hvharden_parse_subcommand 0 'keep=' 'state-dir=' 'version' 'h/help'
            end
        case 'facts'
            __hvharden_parse_subcommand 0 'root=' 'connect=' 'format=' 'version' 'h/help'
        case 'summarize'
            __hvharden_parse_subcommand -r 1 'format=' 'fail-on=' 'version' 'h/help'
        case 'baseline'
            __hvharden_parse_subcommand 0 'facts=+' 'from-host' 'connect=' 'root=' 'extends=' 'name=' 'out=' 'out-dir=' 'waiver-days=' 'version' 'h/help'
        case 'rules'
            __hvharden_parse_subcommand 0 'profile=+' 'format=' 'all' 'version' 'h/help'
        case 'explain'
            __hvharden_parse_subcommand 1 'version' 'h/help'
        case 'help'
            __hvharden_parse_subcommand -r 1 'version'
        end
    end
end

function __hvharden_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __hvharden_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __hvharden_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __hvharden_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__hvharden_tokens -p)
    if test -z "$(__hvharden_tokens -t)"
        set -l index (count (__hvharden_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'hvharden' -f
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden" version' -l 'version' -d 'Show the version.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_positional "hvharden" -eq 1' -fa 'validate' -d 'Check profiles for mistakes without touching the host.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_positional "hvharden" -eq 1' -fa 'plan' -d 'Show what apply would change on this host, without changing anything.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_positional "hvharden" -eq 1' -fa 'show' -d 'Render a saved plan again, in any output format.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_positional "hvharden" -eq 1' -fa 'apply' -d 'Change the host to match a saved plan or the given profiles.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_positional "hvharden" -eq 1' -fa 'rollback' -d 'Restore the files and domain definitions an apply changed.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_positional "hvharden" -eq 1' -fa 'journal' -d 'List, show or prune the journals of past applies and rollbacks.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_positional "hvharden" -eq 1' -fa 'facts' -d 'Show the host\'s capabilities and posture evidence (read-only).'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_positional "hvharden" -eq 1' -fa 'summarize' -d 'Aggregate saved plans from many hosts into one fleet summary.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_positional "hvharden" -eq 1' -fa 'baseline' -d 'Write the strongest profile that every given host satisfies, with the waivers each needs today.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_positional "hvharden" -eq 1' -fa 'rules' -d 'List the rules that apply, with their severity, references and fix.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_positional "hvharden" -eq 1' -fa 'explain' -d 'Explain one rule: why it matters, what it checks and fixes, and its examples.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_positional "hvharden" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden validate" version' -l 'version' -d 'Show the version.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden validate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden plan"' -l 'profile' -d 'A profile file, or the name of a shipped profile; repeat to layer several, in order.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden plan" connect' -l 'connect' -d 'The libvirt connection URI.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden plan" root' -l 'root' -d 'The directory that stands for \'/\' when reading configuration files and host facts.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden plan"' -l 'domain' -d 'Only this domain (repeatable); by default, every domain the profile selects.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden plan" state-dir' -l 'state-dir' -d 'Where the fingerprint key, lock, journals and applied-plan records live (default: $HVHARDEN_STATE_DIR, else /var/lib/hvharden).' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden plan" format' -l 'format' -d 'Output format on standard output.' -rfka 'text json sarif junit prometheus oscal html'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden plan" out' -l 'out' -d 'Also save the plan as JSON to this file (mode 0600).' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden plan" parallelism' -l 'parallelism' -d 'Domain definitions fetched at once (default: 4 on this host, 10 over a network URI); above 5, one more connection per 5, since libvirtd serves max_client_requests (5 by default) calls per connection at a time.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden plan" detailed-exitcode' -l 'detailed-exitcode' -d 'Exit 2 when there are changes, 3 when there are none but unwaived findings at or above --fail-on remain, 0 otherwise.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden plan" fail-on' -l 'fail-on' -d 'With --detailed-exitcode: the least severe unwaived finding that makes the exit status 3 (none: findings never do).' -rfka 'critical high medium low none'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden plan" no-color' -l 'no-color' -d 'No colour, even on a terminal (also NO_COLOR; FORCE_COLOR forces it on).'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden plan" version' -l 'version' -d 'Show the version.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden plan" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden show" format' -l 'format' -d 'Output format on standard output.' -rfka 'text json sarif junit prometheus oscal html'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden show" detailed-exitcode' -l 'detailed-exitcode' -d 'Exit 2 when there are changes, 3 when there are none but unwaived findings at or above --fail-on remain, 0 otherwise.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden show" fail-on' -l 'fail-on' -d 'With --detailed-exitcode: the least severe unwaived finding that makes the exit status 3 (none: findings never do).' -rfka 'critical high medium low none'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden show" no-color' -l 'no-color' -d 'No colour, even on a terminal (also NO_COLOR; FORCE_COLOR forces it on).'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden show" version' -l 'version' -d 'Show the version.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden apply"' -l 'profile' -d 'A profile file, or the name of a shipped profile; repeat to layer several, in order.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden apply" connect' -l 'connect' -d 'The libvirt connection URI.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden apply" root' -l 'root' -d 'The directory that stands for \'/\' when reading configuration files and host facts.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden apply"' -l 'domain' -d 'Only this domain (repeatable); by default, every domain the profile selects.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden apply" state-dir' -l 'state-dir' -d 'Where the fingerprint key, lock, journals and applied-plan records live (default: $HVHARDEN_STATE_DIR, else /var/lib/hvharden).' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden apply" lock-dir' -l 'lock-dir' -d 'Where the host-wide locks live, one per root and one per libvirt connection, so applies with different state directories still exclude each other (default: $HVHARDEN_LOCK_DIR, else /run/hvharden).' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden apply" lock-timeout' -l 'lock-timeout' -d 'How long to wait for another apply or rollback to release the locks before giving up (default: 0, fail at once).' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden apply" auto-approve' -l 'auto-approve' -d 'Apply without asking (required when no terminal is attached).'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden apply" format' -l 'format' -d 'What to print: text for people, or one JSON result document (every object done, failed or skipped, the journal, the verification).' -rfka 'text json'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden apply" version' -l 'version' -d 'Show the version.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden apply" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden rollback" state-dir' -l 'state-dir' -d 'Where the fingerprint key, lock, journals and applied-plan records live (default: $HVHARDEN_STATE_DIR, else /var/lib/hvharden).' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden rollback" lock-dir' -l 'lock-dir' -d 'Where the host-wide locks live, one per root and one per libvirt connection, so applies with different state directories still exclude each other (default: $HVHARDEN_LOCK_DIR, else /run/hvharden).' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden rollback" lock-timeout' -l 'lock-timeout' -d 'How long to wait for another apply or rollback to release the locks before giving up (default: 0, fail at once).' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden rollback" force' -l 'force' -d 'Also restore objects that changed since the apply.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden rollback" format' -l 'format' -d 'What to print: text for people, or one JSON result document (each object restored, the journals).' -rfka 'text json'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden rollback" version' -l 'version' -d 'Show the version.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden rollback" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden journal" version' -l 'version' -d 'Show the version.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden journal" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_positional "hvharden journal" -eq 1' -fa 'list' -d 'The journals, oldest first.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_positional "hvharden journal" -eq 1' -fa 'show' -d 'One journal\'s manifest.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_positional "hvharden journal" -eq 1' -fa 'prune' -d 'Remove all but the newest journals.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden journal list" state-dir' -l 'state-dir' -d 'Where the fingerprint key, lock, journals and applied-plan records live (default: $HVHARDEN_STATE_DIR, else /var/lib/hvharden).' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden journal list" format' -l 'format' -d 'text: one line per journal; json: the manifests.' -rfka 'text json'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden journal list" version' -l 'version' -d 'Show the version.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden journal list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden journal show" state-dir' -l 'state-dir' -d 'Where the fingerprint key, lock, journals and applied-plan records live (default: $HVHARDEN_STATE_DIR, else /var/lib/hvharden).' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden journal show" format' -l 'format' -d 'text: a summary per object; json: the manifest.' -rfka 'text json'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden journal show" version' -l 'version' -d 'Show the version.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden journal show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden journal prune" keep' -l 'keep' -d 'How many of the newest journals to keep.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden journal prune" state-dir' -l 'state-dir' -d 'Where the fingerprint key, lock, journals and applied-plan records live (default: $HVHARDEN_STATE_DIR, else /var/lib/hvharden).' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden journal prune" version' -l 'version' -d 'Show the version.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden journal prune" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden facts" root' -l 'root' -d 'The directory that stands for \'/\' when reading host facts.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden facts" connect' -l 'connect' -d 'The libvirt connection URI (default: qemu:///system, optional).' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden facts" format' -l 'format' -d 'Output format on standard output.' -rfka 'json yaml'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden facts" version' -l 'version' -d 'Show the version.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden facts" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden summarize" format' -l 'format' -d 'Output format on standard output: a table, or the summary as JSON.' -rfka 'text json'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden summarize" fail-on' -l 'fail-on' -d 'The least severe unwaived finding that makes the exit status 3 when no host has changes (none: findings never do).' -rfka 'critical high medium low none'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden summarize" version' -l 'version' -d 'Show the version.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden summarize" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden baseline"' -l 'facts' -d 'Facts files written by \'hvharden facts --format json\', one per host.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden baseline" from-host' -l 'from-host' -d 'Also include this machine: its facts under --root and its domains at --connect.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden baseline" connect' -l 'connect' -d 'The libvirt connection URI for --from-host.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden baseline" root' -l 'root' -d 'The directory that stands for \'/\' when reading facts for --from-host.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden baseline" extends' -l 'extends' -d 'A profile the baseline extends: a shipped profile\'s name or a file.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden baseline" name' -l 'name' -d 'The shared profile\'s metadata.name, and its file name in --out-dir.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden baseline" out' -l 'out' -d 'Write the shared profile to this file (default: standard output, or DIR/NAME.yaml with --out-dir).' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden baseline" out-dir' -l 'out-dir' -d 'Also write one profile per host, DIR/HOST.yaml, holding that host\'s waivers.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden baseline" waiver-days' -l 'waiver-days' -d 'Days until the generated waivers expire.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden baseline" version' -l 'version' -d 'Show the version.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden baseline" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden rules"' -l 'profile' -d 'A profile file, or the name of a shipped profile; repeat to layer several, in order.' -rfka ''
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden rules" format' -l 'format' -d 'Output format on standard output.' -rfka 'text json oscal'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden rules" all' -l 'all' -d 'List every rule of the catalogue, not only those the policy selects.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden rules" version' -l 'version' -d 'Show the version.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden rules" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden explain" version' -l 'version' -d 'Show the version.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden explain" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'hvharden' -n '__hvharden_should_offer_completions_for_flags_or_options "hvharden help" version' -l 'version' -d 'Show the version.'

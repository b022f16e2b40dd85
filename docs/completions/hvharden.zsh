#compdef hvharden

__hvharden_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__hvharden_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __hvharden_complete "${completions[@]:0:-1}"
    fi
}

__hvharden_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_hvharden() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'validate:Check profiles for mistakes without touching the host.'
            'plan:Show what apply would change on this host, without changing anything.'
            'show:Render a saved plan again, in any output format.'
            'apply:Change the host to match a saved plan or the given profiles.'
            'rollback:Restore the files and domain definitions an apply changed.'
            'journal:List, show or prune the journals of past applies and rollbacks.'
            'facts:Show the host'\''s capabilities and posture evidence (read-only).'
            'summarize:Aggregate saved plans from many hosts into one fleet summary.'
            'baseline:Write the strongest profile that every given host satisfies, with the waivers each needs today.'
            'rules:List the rules that apply, with their severity, references and fix.'
            'explain:Explain one rule: why it matters, what it checks and fixes, and its examples.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        validate|plan|show|apply|rollback|journal|facts|summarize|baseline|rules|explain|help)
            "_hvharden_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_hvharden_validate() {
    local -i ret=1
    local -ar arg_specs=(
        '*:profiles:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hvharden_plan() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'sarif' 'junit' 'prometheus' 'oscal' 'html')
    local -ar ___fail_on=('critical' 'high' 'medium' 'low' 'none')
    local -ar arg_specs=(
        '*--profile[A profile file, or the name of a shipped profile; repeat to layer several, in order.]:file:'
        '--connect[The libvirt connection URI.]:uri:'
        '--root[The directory that stands for '\''/'\'' when reading configuration files and host facts.]:dir:'
        '*--domain[Only this domain (repeatable); by default, every domain the profile selects.]:name:'
        '--state-dir[Where the fingerprint key, lock, journals and applied-plan records live (default\: $HVHARDEN_STATE_DIR, else /var/lib/hvharden).]:dir:'
        '--format[Output format on standard output.]:format:{__hvharden_complete "${___format[@]}"}'
        '--out[Also save the plan as JSON to this file (mode 0600).]:file:'
        '--parallelism[Domain definitions fetched at once (default\: 4 on this host, 10 over a network URI); above 5, one more connection per 5, since libvirtd serves max_client_requests (5 by default) calls per connection at a time.]:n:'
        '--detailed-exitcode[Exit 2 when there are changes, 3 when there are none but unwaived findings at or above --fail-on remain, 0 otherwise.]'
        '--fail-on[With --detailed-exitcode\: the least severe unwaived finding that makes the exit status 3 (none\: findings never do).]:severity:{__hvharden_complete "${___fail_on[@]}"}'
        '--no-color[No colour, even on a terminal (also NO_COLOR; FORCE_COLOR forces it on).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hvharden_show() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'sarif' 'junit' 'prometheus' 'oscal' 'html')
    local -ar ___fail_on=('critical' 'high' 'medium' 'low' 'none')
    local -ar arg_specs=(
        ':planfile:'
        '--format[Output format on standard output.]:format:{__hvharden_complete "${___format[@]}"}'
        '--detailed-exitcode[Exit 2 when there are changes, 3 when there are none but unwaived findings at or above --fail-on remain, 0 otherwise.]'
        '--fail-on[With --detailed-exitcode\: the least severe unwaived finding that makes the exit status 3 (none\: findings never do).]:severity:{__hvharden_complete "${___fail_on[@]}"}'
        '--no-color[No colour, even on a terminal (also NO_COLOR; FORCE_COLOR forces it on).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hvharden_apply() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        ':planfile:'
        '*--profile[A profile file, or the name of a shipped profile; repeat to layer several, in order.]:file:'
        '--connect[The libvirt connection URI.]:uri:'
        '--root[The directory that stands for '\''/'\'' when reading configuration files and host facts.]:dir:'
        '*--domain[Only this domain (repeatable); by default, every domain the profile selects.]:name:'
        '--state-dir[Where the fingerprint key, lock, journals and applied-plan records live (default\: $HVHARDEN_STATE_DIR, else /var/lib/hvharden).]:dir:'
        '--lock-dir[Where the host-wide locks live, one per root and one per libvirt connection, so applies with different state directories still exclude each other (default\: $HVHARDEN_LOCK_DIR, else /run/hvharden).]:dir:'
        '--lock-timeout[How long to wait for another apply or rollback to release the locks before giving up (default\: 0, fail at once).]:seconds:'
        '--auto-approve[Apply without asking (required when no terminal is attached).]'
        '--format[What to print\: text for people, or one JSON result document (every object done, failed or skipped, the journal, the verification).]:format:{__hvharden_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hvharden_rollback() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        ':apply-id:'
        '--state-dir[Where the fingerprint key, lock, journals and applied-plan records live (default\: $HVHARDEN_STATE_DIR, else /var/lib/hvharden).]:dir:'
        '--lock-dir[Where the host-wide locks live, one per root and one per libvirt connection, so applies with different state directories still exclude each other (default\: $HVHARDEN_LOCK_DIR, else /run/hvharden).]:dir:'
        '--lock-timeout[How long to wait for another apply or rollback to release the locks before giving up (default\: 0, fail at once).]:seconds:'
        '--force[Also restore objects that changed since the apply.]'
        '--format[What to print\: text for people, or one JSON result document (each object restored, the journals).]:format:{__hvharden_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hvharden_journal() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:The journals, oldest first.'
            'show:One journal'\''s manifest.'
            'prune:Remove all but the newest journals.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show|prune)
            "_hvharden_journal_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_hvharden_journal_list() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '--state-dir[Where the fingerprint key, lock, journals and applied-plan records live (default\: $HVHARDEN_STATE_DIR, else /var/lib/hvharden).]:dir:'
        '--format[text\: one line per journal; json\: the manifests.]:format:{__hvharden_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hvharden_journal_show() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        ':id:'
        '--state-dir[Where the fingerprint key, lock, journals and applied-plan records live (default\: $HVHARDEN_STATE_DIR, else /var/lib/hvharden).]:dir:'
        '--format[text\: a summary per object; json\: the manifest.]:format:{__hvharden_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hvharden_journal_prune() {
    local -i ret=1
    local -ar arg_specs=(
        '--keep[How many of the newest journals to keep.]:n:'
        '--state-dir[Where the fingerprint key, lock, journals and applied-plan records live (default\: $HVHARDEN_STATE_DIR, else /var/lib/hvharden).]:dir:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hvharden_facts() {
    local -i ret=1
    local -ar ___format=('json' 'yaml')
    local -ar arg_specs=(
        '--root[The directory that stands for '\''/'\'' when reading host facts.]:dir:'
        '--connect[The libvirt connection URI (default\: qemu\:///system, optional).]:uri:'
        '--format[Output format on standard output.]:format:{__hvharden_complete "${___format[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hvharden_summarize() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar ___fail_on=('critical' 'high' 'medium' 'low' 'none')
    local -ar arg_specs=(
        '*:plan.json:'
        '--format[Output format on standard output\: a table, or the summary as JSON.]:format:{__hvharden_complete "${___format[@]}"}'
        '--fail-on[The least severe unwaived finding that makes the exit status 3 when no host has changes (none\: findings never do).]:severity:{__hvharden_complete "${___fail_on[@]}"}'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hvharden_baseline() {
    local -i ret=1
    local -ar arg_specs=(
        '--facts[Facts files written by '\''hvharden facts --format json'\'', one per host.]:file:'
        '--from-host[Also include this machine\: its facts under --root and its domains at --connect.]'
        '--connect[The libvirt connection URI for --from-host.]:uri:'
        '--root[The directory that stands for '\''/'\'' when reading facts for --from-host.]:dir:'
        '--extends[A profile the baseline extends\: a shipped profile'\''s name or a file.]:profile:'
        '--name[The shared profile'\''s metadata.name, and its file name in --out-dir.]:name:'
        '--out[Write the shared profile to this file (default\: standard output, or DIR/NAME.yaml with --out-dir).]:file:'
        '--out-dir[Also write one profile per host, DIR/HOST.yaml, holding that host'\''s waivers.]:dir:'
        '--waiver-days[Days until the generated waivers expire.]:n:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hvharden_rules() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'oscal')
    local -ar arg_specs=(
        '*--profile[A profile file, or the name of a shipped profile; repeat to layer several, in order.]:file:'
        '--format[Output format on standard output.]:format:{__hvharden_complete "${___format[@]}"}'
        '--all[List every rule of the catalogue, not only those the policy selects.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hvharden_explain() {
    local -i ret=1
    local -ar arg_specs=(
        ':rule:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_hvharden_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _hvharden ]]; then
    _hvharden "${@}"
else
    compdef _hvharden hvharden
fi

# SPDX-License-Identifier: MIT
# bash completion for vaslint: commands, each command's options, the
# formats it takes, layout names (-L, `vaslint layouts NAME`) and rule ids
# (`vaslint explain RULE`).  Everything is asked of the vaslint being
# completed when TAB is pressed, so the lists are those of that program and
# of the layouts it finds ($VASLINT_LAYOUTS included), never stale.
# Installed as BASHCOMPDIR/vaslint; to try it from a tree:
#   source completions/vaslint.bash

# The options a help text lists: the usage lines' [-X ...] and [--x], the
# option list's '-x, --long ARG' items, and the LINK OPTIONS spelled out.
_vaslint_options() { # program command
	"$1" "$2" --help 2>/dev/null | awk '
		/^usage:/ { usage = 1 }
		usage && /^$/ { usage = 0 }
		usage {
			line = $0
			gsub(/[][|]/, " ", line)
			n = split(line, w, " ")
			for (i = 1; i <= n; i++)
				if (w[i] ~ /^--?[A-Za-z]/)
					{ sub(/=[A-Z].*/, "=", w[i]); print w[i] } # --extra-arg=FLAG
			next
		}
		/^  LINK OPTIONS/ { link = 1; sub(/^  LINK OPTIONS/, "") }
		link && !/^    / && !/^$/ && !/^  LINK OPTIONS/ { link = 0 }
		link {
			n = split($0, w, /[ ,]+/)
			for (i = 1; i <= n; i++)
				if (w[i] ~ /^--?[A-Za-z]/) {
					sub(/=.*/, "=", w[i])
					print w[i]
				}
			next
		}
		/^  -/ {
			sub(/^  /, "")
			split($0, parts, /  +/)
			n = split(parts[1], o, /, /)
			for (i = 1; i <= n; i++) {
				split(o[i], w, " ")
				sub(/=[A-Z].*/, "=", w[1])
				print w[1]
			}
		}' | sort -u
}

# The formats of -f: the usage line's [-f a|b|c].
_vaslint_formats() { # program command
	"$1" "$2" --help 2>/dev/null |
		sed -n 's/.*\[-f \([a-z|]*\)\].*/\1/p' | head -1 | tr '|' ' '
}

_vaslint_commands() { # program
	"$1" --help 2>/dev/null | awk '
		$0 == "Commands:" { inside = 1; next }
		inside && /^  / { print $1; next }
		{ inside = 0 }'
}

_vaslint_layouts() { # program
	"$1" layouts 2>/dev/null | awk '{ print $1 }'
}

_vaslint_rules() { # program
	"$1" explain 2>/dev/null | awk '{ print $1 }'
}

_vaslint() {
	local prog=$1 cur=${COMP_WORDS[COMP_CWORD]} prev cmd
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	local IFS=$'\n'
	COMPREPLY=()
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$(_vaslint_commands "$prog")"$'\n'help$'\n'--help$'\n'--version -- "$cur"))
		return
	fi
	cmd=${COMP_WORDS[1]}
	case $cmd in
	help)
		[ "$COMP_CWORD" -eq 2 ] &&
			COMPREPLY=($(compgen -W "$(_vaslint_commands "$prog")" -- "$cur"))
		return
		;;
	explain)
		COMPREPLY=($(compgen -W "$(_vaslint_rules "$prog")" -- "$cur"))
		return
		;;
	esac
	case $prev in
	-L)
		COMPREPLY=($(compgen -W "$(_vaslint_layouts "$prog")" -- "$cur")
			$(compgen -f -X '!*.yaml' -- "$cur") $(compgen -d -- "$cur"))
		return
		;;
	-f | --format)
		COMPREPLY=($(IFS=' ' compgen -W "$(_vaslint_formats "$prog" "$cmd")" -- "$cur"))
		return
		;;
	-p | --resource-dir)
		COMPREPLY=($(compgen -d -- "$cur"))
		return
		;;
	-D | --defsym | --soname | -j | --image-size | --cpp-flags | -m | -z)
		return # a value of the user's own
		;;
	-o | --image | --requests | --rules | -T)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_vaslint_options "$prog" "$cmd")" -- "$cur"))
		[[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi
	if [ "$cmd" = layouts ]; then
		COMPREPLY=($(compgen -W "$(_vaslint_layouts "$prog")" -- "$cur") $(compgen -f -X '!*.yaml' -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _vaslint vaslint

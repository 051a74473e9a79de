# SPDX-License-Identifier: MIT
# vaslint_check(TARGET LAYOUT name [PARAMS NAME=VALUE...] [OPTIONS ...])
#
# Checks an executable target with `vaslint check` every time it is
# linked, as a build step of its own: a finding (exit 1) fails the build
# with the diagnostic in the log, and since the step's stamp is then not
# written, the next build checks again (a POST_BUILD command would not:
# the program is already up to date).  OPTIONS go to vaslint as they are
# (--werror, -f sarif -o report.sarif, ...).
#
#   list(APPEND CMAKE_MODULE_PATH path/to/this/folder)
#   include(vaslint)
#   vaslint_check(hello LAYOUT linux-x86_64 PARAMS GUEST_RAM=256M)
#
# The program comes from the cache variable VASLINT_EXECUTABLE (default:
# vaslint on PATH).
find_program(VASLINT_EXECUTABLE vaslint DOC "the vaslint program")

function(vaslint_check target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "LAYOUT" "PARAMS;OPTIONS")
  if(NOT VASLINT_EXECUTABLE)
    message(FATAL_ERROR "vaslint_check(${target}): no vaslint program found; "
                        "set VASLINT_EXECUTABLE")
  endif()
  set(cmd "${VASLINT_EXECUTABLE}" check)
  if(ARG_LAYOUT)
    list(APPEND cmd -L "${ARG_LAYOUT}")
  endif()
  foreach(param IN LISTS ARG_PARAMS)
    list(APPEND cmd -D "${param}")
  endforeach()
  set(stamp "${CMAKE_CURRENT_BINARY_DIR}/${target}.vaslint")
  add_custom_command(
    OUTPUT "${stamp}"
    COMMAND ${cmd} ${ARG_OPTIONS} "$<TARGET_FILE:${target}>"
    COMMAND "${CMAKE_COMMAND}" -E touch "${stamp}"
    DEPENDS ${target} "${VASLINT_EXECUTABLE}"
    COMMENT "vaslint check ${target}"
    VERBATIM)
  add_custom_target(${target}-vaslint ALL DEPENDS "${stamp}")
endfunction()

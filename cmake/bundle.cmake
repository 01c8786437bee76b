# The release bundle: one folder (and .tar.gz) holding both bitnesses of the two DLLs,
# the Windows console tools, the native vdrive tool and SG_IO preload libraries, the
# install script and the README. Each build tree installs its own part; CPack, run
# in the native tree, gathers the trees named in IMAPI_BUNDLE_TREES (tools/bundle.sh
# does all of it):
#
#   <bundle>/install.sh                 -> tools/install.sh
#   <bundle>/tools/install.sh, tools/lib/*.sh, tools/demo/demo.vbs
#   <bundle>/x86_64-windows/            imapi2.dll imapi2fs.dll fsiso.exe imapi2-burn.exe
#   <bundle>/i386-windows/              the same, 32-bit
#   <bundle>/bin/vdrive                 native recorder tool
#   <bundle>/lib/<multiarch>/libimapi_sgio_preload.so
#   <bundle>/README.md
# Installing (and so CPack) takes what is built; it does not build the whole tree
# first (the 32-bit native tree builds only the preload library).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
if(WIN32)
  if(CMAKE_SIZEOF_VOID_P EQUAL 8)
    set(_win_dir x86_64-windows)
  else()
    set(_win_dir i386-windows)
  endif()
  foreach(t imapi2 imapi2fs fsiso imapi2-burn)
    if(TARGET ${t})
      install(TARGETS ${t} RUNTIME DESTINATION ${_win_dir} LIBRARY DESTINATION ${_win_dir})
    endif()
  endforeach()
else()
  if(CMAKE_SIZEOF_VOID_P EQUAL 8)
    set(_multiarch x86_64-linux-gnu)
    if(TARGET vdrive)
      install(TARGETS vdrive RUNTIME DESTINATION bin)
    endif()
    install(PROGRAMS ${CMAKE_SOURCE_DIR}/tools/install.sh DESTINATION tools)
    install(FILES ${CMAKE_SOURCE_DIR}/tools/lib/common.sh ${CMAKE_SOURCE_DIR}/tools/lib/wine.sh DESTINATION tools/lib)
    install(FILES ${CMAKE_SOURCE_DIR}/tools/demo/demo.vbs DESTINATION tools/demo)
    install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION .)
    install(CODE "file(WRITE \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/install.sh\" \"#!/usr/bin/env bash\\n# Installs imapi2 for Wine into a prefix: see tools/install.sh --help.\\nexec bash \\\"\\$(dirname \\\"\\\${BASH_SOURCE[0]}\\\")/tools/install.sh\\\" \\\"\\$@\\\"\\n\")
                  file(CHMOD \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/install.sh\" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)")
  else()
    set(_multiarch i386-linux-gnu)
  endif()
  if(TARGET imapi_sgio_preload)
    install(TARGETS imapi_sgio_preload LIBRARY DESTINATION lib/${_multiarch})
  endif()

  set(IMAPI_BUNDLE_TREES "" CACHE STRING "Other build trees whose install rules the bundle gathers (win64, win32, native-plain32)")
  # The version is core/core_version.h's, the one place it is written.
  file(STRINGS ${CMAKE_SOURCE_DIR}/core/core_version.h _ver REGEX "define IMAPI_CORE_VERSION ")
  string(REGEX REPLACE ".*\"(.*)\".*" "\\1" _ver "${_ver}")
  set(CPACK_PACKAGE_NAME imapi2-wine)
  set(CPACK_PACKAGE_VERSION ${_ver})
  set(CPACK_PACKAGE_FILE_NAME imapi2-wine-${_ver})
  set(CPACK_GENERATOR TGZ)
  set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON)
  set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/bundle)
  set(CPACK_INSTALL_CMAKE_PROJECTS "${CMAKE_BINARY_DIR};imapi2;ALL;/")
  foreach(tree ${IMAPI_BUNDLE_TREES})
    list(APPEND CPACK_INSTALL_CMAKE_PROJECTS "${tree};imapi2;ALL;/")
  endforeach()
  include(CPack)
endif()

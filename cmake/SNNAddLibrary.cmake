# snn_add_library(name SOURCES... [DEPENDS targets...] [LINK_LIBS libs...])
#
# A static library of the project, linked against the shared libMLIR.so (or
# other project libraries), and exported for `find_package(SNNMLIR)`.
#
# Libraries defined under test/ are test-only: they are neither installed nor
# exported. Every other one is installed into the `SNNMLIRTargets` export set
# (see the install section of the top-level CMakeLists.txt) and listed in the
# global property SNN_EXPORTED_LIBS, which `SNNMLIR::SNN` links.

include(GNUInstallDirs)

function(snn_add_library name)
  cmake_parse_arguments(ARG "" "" "DEPENDS;LINK_LIBS" ${ARGN})
  add_library(${name} STATIC ${ARG_UNPARSED_ARGUMENTS})
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_include_directories(${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  if(ARG_DEPENDS)
    add_dependencies(${name} ${ARG_DEPENDS})
  endif()
  # In the build tree MLIR's and LLVM's headers and definitions come from the
  # directory properties of the top-level CMakeLists.txt; an installed
  # library gets them from SNNMLIR::MLIRUsage, which SNNMLIRConfig.cmake
  # defines from the MLIR package it finds.
  target_link_libraries(${name} PUBLIC ${ARG_LINK_LIBS} MLIR LLVM
    $<INSTALL_INTERFACE:SNNMLIR::MLIRUsage>)

  file(RELATIVE_PATH dir "${PROJECT_SOURCE_DIR}" "${CMAKE_CURRENT_SOURCE_DIR}")
  if(dir MATCHES "^test(/|$)")
    return()
  endif()
  set_property(GLOBAL APPEND PROPERTY SNN_EXPORTED_LIBS ${name})
  install(TARGETS ${name} EXPORT SNNMLIRTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
endfunction()

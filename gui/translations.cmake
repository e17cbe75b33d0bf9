# The app's German and French catalogues, compiled into cubby-app as resources under :/i18n, so
# the installed app, the tour and the gui tests load the same ones (window/app_translations.cpp).
# lupdate reads the sources of every target that shows text: the app library and main().
# Translations identical to their source ("%1 %2", "CPU") stay in the .qm, so a lookup that
# finds nothing always means a string the catalogue lacks (cubby-tour --locale counts those).
set(CUBBY_TS_FILES
    ${PROJECT_SOURCE_DIR}/translations/cubby_de.ts
    ${PROJECT_SOURCE_DIR}/translations/cubby_fr.ts)
qt_add_lupdate(TS_FILES ${CUBBY_TS_FILES}
    SOURCE_TARGETS cubby-app cubby
    LUPDATE_TARGET update_translations
    OPTIONS -no-obsolete -locations none)
qt_add_lrelease(TS_FILES ${CUBBY_TS_FILES}
    LRELEASE_TARGET cubby_lrelease
    QM_FILES_OUTPUT_VARIABLE cubby_qm_files)
qt_add_resources(cubby-app cubby_translations
    PREFIX /i18n
    BASE ${CMAKE_CURRENT_BINARY_DIR}
    FILES ${cubby_qm_files})

/* libclang, loaded when the first source is scanned rather than at
 * start-up: linking it would load libclang and LLVM (over 100 MB) into
 * every run, and cost the ELF and script checks 80 ms each.  The C API is
 * used unchanged: after this header, clang_x names the loaded function. */
#ifndef VASLINT_CLANGAPI_H
#define VASLINT_CLANGAPI_H

#include <clang-c/Index.h>

#include "diag.h"

#define CLANGAPI_FUNCTIONS(X)                                                  \
	X(clang_CXXMethod_isConst)                                             \
	X(clang_CXXMethod_isStatic)                                            \
	X(clang_CXXMethod_isVirtual)                                           \
	X(clang_Cursor_Evaluate)                                               \
	X(clang_Cursor_getArgument)                                            \
	X(clang_Cursor_getNumArguments)                                        \
	X(clang_Cursor_getStorageClass)                                        \
	X(clang_Cursor_getTranslationUnit)                                     \
	X(clang_Cursor_getVarDeclInitializer)                                  \
	X(clang_Cursor_isAnonymous)                                            \
	X(clang_Cursor_isBitField)                                             \
	X(clang_Cursor_isInlineNamespace)                                      \
	X(clang_Cursor_isNull)                                                 \
	X(clang_Cursor_isVariadic)                                             \
	X(clang_EvalResult_dispose)                                            \
	X(clang_EvalResult_getAsLongLong)                                      \
	X(clang_EvalResult_getAsUnsigned)                                      \
	X(clang_EvalResult_getKind)                                            \
	X(clang_EvalResult_isUnsignedInt)                                      \
	X(clang_File_isEqual)                                                  \
	X(clang_Location_isFromMainFile)                                       \
	X(clang_Location_isInSystemHeader)                                     \
	X(clang_Range_isNull)                                                  \
	X(clang_Type_getSizeOf)                                                \
	X(clang_Type_visitFields)                                              \
	X(clang_createIndex)                                                   \
	X(clang_disposeDiagnostic)                                             \
	X(clang_disposeIndex)                                                  \
	X(clang_disposeOverriddenCursors)                                      \
	X(clang_disposeString)                                                 \
	X(clang_disposeTokens)                                                 \
	X(clang_disposeTranslationUnit)                                        \
	X(clang_equalCursors)                                                  \
	X(clang_equalLocations)                                                \
	X(clang_equalRanges)                                                   \
	X(clang_getCString)                                                    \
	X(clang_getCanonicalType)                                              \
	X(clang_getClangVersion)                                               \
	X(clang_getCursorDefinition)                                           \
	X(clang_getCursorExtent)                                               \
	X(clang_getCursorKind)                                                 \
	X(clang_getCursorLinkage)                                              \
	X(clang_getCursorLocation)                                             \
	X(clang_getCursorReferenced)                                           \
	X(clang_getCursorLexicalParent)                                        \
	X(clang_getCursorResultType)                                           \
	X(clang_getCursorSemanticParent)                                       \
	X(clang_getCursorSpelling)                                             \
	X(clang_getCursorType)                                                 \
	X(clang_getCursorUSR)                                                  \
	X(clang_getDiagnostic)                                                 \
	X(clang_getDiagnosticLocation)                                         \
	X(clang_getDiagnosticSeverity)                                         \
	X(clang_getDiagnosticSpelling)                                         \
	X(clang_getEnumDeclIntegerType)                                        \
	X(clang_getExpansionLocation)                                          \
	X(clang_getFile)                                                       \
	X(clang_getFileName)                                                   \
	X(clang_getLocationForOffset)                                          \
	X(clang_getNullCursor)                                                 \
	X(clang_getNumDiagnostics)                                             \
	X(clang_getOverriddenCursors)                                          \
	X(clang_getPointeeType)                                                \
	X(clang_getRange)                                                      \
	X(clang_getRangeEnd)                                                   \
	X(clang_getRangeStart)                                                 \
	X(clang_getSpecializedCursorTemplate)                                  \
	X(clang_getTokenKind)                                                  \
	X(clang_getTokenLocation)                                              \
	X(clang_getTokenSpelling)                                              \
	X(clang_getTranslationUnitCursor)                                      \
	X(clang_getTranslationUnitSpelling)                                    \
	X(clang_getTypeDeclaration)                                            \
	X(clang_hashCursor)                                                    \
	X(clang_isConstQualifiedType)                                          \
	X(clang_isCursorDefinition)                                            \
	X(clang_isExpression)                                                  \
	X(clang_isInvalid)                                                     \
	X(clang_isTranslationUnit)                                             \
	X(clang_isVolatileQualifiedType)                                       \
	X(clang_parseTranslationUnit2)                                         \
	X(clang_parseTranslationUnit2FullArgv)                                 \
	X(clang_tokenize)                                                      \
	X(clang_visitChildren)

typedef struct clang_api {
#define CLANGAPI_POINTER(name) __typeof__(&name) name;
	CLANGAPI_FUNCTIONS(CLANGAPI_POINTER)
#undef CLANGAPI_POINTER
} clang_api_t;

extern clang_api_t clangapi;

/* Load libclang once (thread-safe); false with err naming the library
 * and the package that provides it.  Which one: $VASLINT_LIBCLANG when
 * set (a path or a name for dlopen), else the first that loads of the
 * build's LLVM's (scons llvm=DIR), LLVM 16's, LLVM 14's and plain
 * libclang.so.1.  The C API's functions are the same in 14 and 16; an
 * enum value that differs between them (CXCursor_TranslationUnit) is
 * asked of the loaded library (clang_isTranslationUnit), never taken from
 * the headers the build used. */
bool clangapi_load(vl_error *err);

/* After a successful load: the name the library was loaded by (a path
 * such as /usr/lib/llvm-16/lib/libclang.so.1, or a bare file name), and
 * its major version (16), from clang_getClangVersion; 0 when it does not
 * say. */
const char *clangapi_library(void);
unsigned clangapi_major(void);

#ifndef CLANGAPI_IMPLEMENTATION
#define clang_Cursor_Evaluate	     (clangapi.clang_Cursor_Evaluate)
#define clang_Cursor_getArgument     (clangapi.clang_Cursor_getArgument)
#define clang_Cursor_getNumArguments (clangapi.clang_Cursor_getNumArguments)
#define clang_Cursor_getVarDeclInitializer                                     \
	(clangapi.clang_Cursor_getVarDeclInitializer)
#define clang_Cursor_isBitField	       (clangapi.clang_Cursor_isBitField)
#define clang_Cursor_isInlineNamespace (clangapi.clang_Cursor_isInlineNamespace)
#define clang_Cursor_isNull	       (clangapi.clang_Cursor_isNull)
#define clang_Cursor_isVariadic	       (clangapi.clang_Cursor_isVariadic)
#define clang_EvalResult_dispose       (clangapi.clang_EvalResult_dispose)
#define clang_EvalResult_getAsLongLong (clangapi.clang_EvalResult_getAsLongLong)
#define clang_EvalResult_getAsUnsigned (clangapi.clang_EvalResult_getAsUnsigned)
#define clang_EvalResult_getKind       (clangapi.clang_EvalResult_getKind)
#define clang_EvalResult_isUnsignedInt (clangapi.clang_EvalResult_isUnsignedInt)
#define clang_File_isEqual	       (clangapi.clang_File_isEqual)
#define clang_Location_isFromMainFile  (clangapi.clang_Location_isFromMainFile)
#define clang_Range_isNull	       (clangapi.clang_Range_isNull)
#define clang_Type_getSizeOf	       (clangapi.clang_Type_getSizeOf)
#define clang_Type_visitFields	       (clangapi.clang_Type_visitFields)
#define clang_createIndex	       (clangapi.clang_createIndex)
#define clang_disposeDiagnostic	       (clangapi.clang_disposeDiagnostic)
#define clang_disposeIndex	       (clangapi.clang_disposeIndex)
#define clang_disposeOverriddenCursors (clangapi.clang_disposeOverriddenCursors)
#define clang_disposeString	       (clangapi.clang_disposeString)
#define clang_disposeTranslationUnit   (clangapi.clang_disposeTranslationUnit)
#define clang_equalCursors	       (clangapi.clang_equalCursors)
#define clang_getCString	       (clangapi.clang_getCString)
#define clang_getCanonicalType	       (clangapi.clang_getCanonicalType)
#define clang_getCursorExtent	       (clangapi.clang_getCursorExtent)
#define clang_getCursorKind	       (clangapi.clang_getCursorKind)
#define clang_getCursorLocation	       (clangapi.clang_getCursorLocation)
#define clang_getCursorReferenced      (clangapi.clang_getCursorReferenced)
#define clang_getCursorLexicalParent   (clangapi.clang_getCursorLexicalParent)
#define clang_getCursorSemanticParent  (clangapi.clang_getCursorSemanticParent)
#define clang_getCursorSpelling	       (clangapi.clang_getCursorSpelling)
#define clang_getCursorType	       (clangapi.clang_getCursorType)
#define clang_getCursorUSR	       (clangapi.clang_getCursorUSR)
#define clang_getDiagnostic	       (clangapi.clang_getDiagnostic)
#define clang_getDiagnosticLocation    (clangapi.clang_getDiagnosticLocation)
#define clang_getDiagnosticSeverity    (clangapi.clang_getDiagnosticSeverity)
#define clang_getDiagnosticSpelling    (clangapi.clang_getDiagnosticSpelling)
#define clang_getEnumDeclIntegerType   (clangapi.clang_getEnumDeclIntegerType)
#define clang_getExpansionLocation     (clangapi.clang_getExpansionLocation)
#define clang_getFile		       (clangapi.clang_getFile)
#define clang_getFileName	       (clangapi.clang_getFileName)
#define clang_getNullCursor	       (clangapi.clang_getNullCursor)
#define clang_getNumDiagnostics	       (clangapi.clang_getNumDiagnostics)
#define clang_getOverriddenCursors     (clangapi.clang_getOverriddenCursors)
#define clang_getPointeeType	       (clangapi.clang_getPointeeType)
#define clang_getTranslationUnitCursor (clangapi.clang_getTranslationUnitCursor)
#define clang_getTranslationUnitSpelling                                       \
	(clangapi.clang_getTranslationUnitSpelling)
#define clang_getTypeDeclaration    (clangapi.clang_getTypeDeclaration)
#define clang_hashCursor	    (clangapi.clang_hashCursor)
#define clang_isConstQualifiedType  (clangapi.clang_isConstQualifiedType)
#define clang_isExpression	    (clangapi.clang_isExpression)
#define clang_isInvalid		    (clangapi.clang_isInvalid)
#define clang_isTranslationUnit	    (clangapi.clang_isTranslationUnit)
#define clang_getClangVersion	    (clangapi.clang_getClangVersion)
#define clang_parseTranslationUnit2 (clangapi.clang_parseTranslationUnit2)
#define clang_parseTranslationUnit2FullArgv                                    \
	(clangapi.clang_parseTranslationUnit2FullArgv)
#define clang_visitChildren	     (clangapi.clang_visitChildren)
#define clang_CXXMethod_isConst	     (clangapi.clang_CXXMethod_isConst)
#define clang_CXXMethod_isStatic     (clangapi.clang_CXXMethod_isStatic)
#define clang_Cursor_getStorageClass (clangapi.clang_Cursor_getStorageClass)
#define clang_Cursor_getTranslationUnit                                        \
	(clangapi.clang_Cursor_getTranslationUnit)
#define clang_disposeTokens	      (clangapi.clang_disposeTokens)
#define clang_equalCursors	      (clangapi.clang_equalCursors)
#define clang_equalLocations	      (clangapi.clang_equalLocations)
#define clang_equalRanges	      (clangapi.clang_equalRanges)
#define clang_getCursorDefinition     (clangapi.clang_getCursorDefinition)
#define clang_getRange		      (clangapi.clang_getRange)
#define clang_getRangeEnd	      (clangapi.clang_getRangeEnd)
#define clang_getRangeStart	      (clangapi.clang_getRangeStart)
#define clang_getTokenKind	      (clangapi.clang_getTokenKind)
#define clang_getTokenSpelling	      (clangapi.clang_getTokenSpelling)
#define clang_hashCursor	      (clangapi.clang_hashCursor)
#define clang_tokenize		      (clangapi.clang_tokenize)
#define clang_getLocationForOffset    (clangapi.clang_getLocationForOffset)
#define clang_getTokenLocation	      (clangapi.clang_getTokenLocation)
#define clang_getCursorResultType     (clangapi.clang_getCursorResultType)
#define clang_isCursorDefinition      (clangapi.clang_isCursorDefinition)
#define clang_CXXMethod_isVirtual     (clangapi.clang_CXXMethod_isVirtual)
#define clang_isVolatileQualifiedType (clangapi.clang_isVolatileQualifiedType)
#define clang_getCursorLinkage	      (clangapi.clang_getCursorLinkage)
#define clang_Location_isInSystemHeader                                        \
	(clangapi.clang_Location_isInSystemHeader)
#define clang_Cursor_isAnonymous (clangapi.clang_Cursor_isAnonymous)
#define clang_getSpecializedCursorTemplate                                     \
	(clangapi.clang_getSpecializedCursorTemplate)
#endif

#endif

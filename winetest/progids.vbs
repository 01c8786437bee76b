' Every IMAPI2 and IMAPI2FS ProgID from VBScript, as scripts use them: CreateObject
' by the version-independent and the versioned ProgID, then a property read through
' IDispatch (late binding through our type library) with its documented value.
' The four helper-stream classes (MsftStream*) are IStream-only by design, so a
' script cannot hold them: CreateObject must fail with error 430 ("Class doesn't
' support Automation", the object was created but has no IDispatch), not with 429
' ("ActiveX component can't create object", the class is missing).
Option Explicit

Const TestName = "progids.vbs"
Dim nTests, nFailures
nTests = 0 : nFailures = 0

Sub ok(cond, msg)
    nTests = nTests + 1
    If Not cond Then
        nFailures = nFailures + 1
        WScript.Echo TestName & ": Test failed: " & msg
    End If
End Sub

Sub finish()
    WScript.Echo TestName & ": " & nTests & " tests executed (0 marked as todo, " & _
        nFailures & " failures), 0 skipped."
    If nFailures > 255 Then WScript.Quit 255
    WScript.Quit nFailures
End Sub

'' Late-bound property read by name (Wine's Eval does not see local variables).
Function read_property(obj, prop)
    Select Case prop
        Case "IsSupportedEnvironment": read_property = obj.IsSupportedEnvironment
        Case "WriteInProgress": read_property = obj.WriteInProgress
        Case "FullErase": read_property = obj.FullErase
        Case "ForceOverwrite": read_property = obj.ForceOverwrite
        Case "ClientName": read_property = obj.ClientName
        Case "StartingTrackNumber": read_property = obj.StartingTrackNumber
        Case "FreeMediaBlocks": read_property = obj.FreeMediaBlocks
        Case "PlatformId": read_property = obj.PlatformId
        Case "Path": read_property = obj.Path
        Case Else: Err.Raise 438
    End Select
End Function

' Read property `prop` of a new object of `progid` and compare it with `expected`.
Sub check_property(progid, prop, expected)
    Dim versions, v, obj, value
    versions = Array(progid, progid & ".1")
    For Each v In versions
        On Error Resume Next
        Err.Clear
        Set obj = CreateObject(v)
        ok Err.Number = 0, "CreateObject(" & v & ") failed: " & Hex(Err.Number) & " " & Err.Description
        If Err.Number = 0 Then
            Err.Clear
            value = read_property(obj, prop)
            ok Err.Number = 0, v & "." & prop & " failed: " & Hex(Err.Number) & " " & Err.Description
            If Err.Number = 0 Then
                ok CStr(value) = CStr(expected), v & "." & prop & " = " & value & ", expected " & expected
            End If
        End If
        Set obj = Nothing
        On Error GoTo 0
    Next
End Sub

Sub check_not_automation(progid)
    Dim obj
    On Error Resume Next
    Err.Clear
    Set obj = CreateObject(progid)
    ok Err.Number = 430, "CreateObject(" & progid & ") gave error " & Err.Number & ", expected 430"
    On Error GoTo 0
End Sub

check_property "IMAPI2.MsftDiscMaster2", "IsSupportedEnvironment", "True"
check_property "IMAPI2.MsftWriteEngine2", "WriteInProgress", "False"
check_property "IMAPI2.MsftDiscFormat2Erase", "FullErase", "False"
check_property "IMAPI2.MsftDiscFormat2Data", "ForceOverwrite", "False"
check_property "IMAPI2.MsftDiscFormat2TrackAtOnce", "ClientName", ""
check_property "IMAPI2.MsftDiscFormat2RawCD", "ClientName", ""
check_property "IMAPI2.MsftRawCDImageCreator", "StartingTrackNumber", "1"
check_property "IMAPI2FS.MsftFileSystemImage", "FreeMediaBlocks", "332800"
check_property "IMAPI2FS.BootOptions", "PlatformId", "0"   ' PlatformX86
check_property "IMAPI2FS.MsftIsoImageManager", "Path", ""
check_not_automation "IMAPI2.MsftStreamZero"
check_not_automation "IMAPI2.MsftStreamPrng001"
check_not_automation "IMAPI2.MsftStreamConcatenate"
check_not_automation "IMAPI2.MsftStreamInterleave"

' The recorder: initialized from the first ID the disc master lists. With the
' emulated recorders of the test environment there is at least one.
Dim master, recorder, id
On Error Resume Next
Set master = CreateObject("IMAPI2.MsftDiscMaster2")
ok Err.Number = 0, "CreateObject(IMAPI2.MsftDiscMaster2) failed"
ok master.Count >= 1, "no recorders listed: " & Hex(Err.Number)
Err.Clear
For Each id In master
    Set recorder = CreateObject("IMAPI2.MsftDiscRecorder2")
    ok Err.Number = 0, "CreateObject(IMAPI2.MsftDiscRecorder2) failed"
    recorder.InitializeDiscRecorder id
    ok Err.Number = 0, "InitializeDiscRecorder(" & id & ") failed: " & Hex(Err.Number)
    ok recorder.ActiveDiscRecorder = id, "ActiveDiscRecorder is " & recorder.ActiveDiscRecorder
    Exit For
Next
On Error GoTo 0

' A failure through IDispatch carries our HRESULT and our message text as the
' description, as scripts show it.
Dim fsi, num, desc
Set fsi = CreateObject("IMAPI2FS.MsftFileSystemImage")
On Error Resume Next
fsi.VolumeName = "THIS NAME IS FAR TOO LONG FOR ISO 9660"
num = Err.Number : desc = Err.Description
On Error GoTo 0
ok num = &HC0AAB104, "long VolumeName gave " & Hex(num) & ", expected IMAPI_E_INVALID_VOLUME_NAME"
ok Len(desc) > 10, "no description for IMAPI_E_INVALID_VOLUME_NAME: [" & desc & "]"
ok Right(desc, 1) <> vbLf, "description ends in a line break"

finish

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>cubby::AddressesPage</name>
    <message>
        <source>Choose a free private subnet for me</source>
        <translation>Freies privates Subnetz automatisch wählen</translation>
    </message>
    <message>
        <source>Use this subnet:</source>
        <translation>Dieses Subnetz verwenden:</translation>
    </message>
    <message>
        <source>Hand out addresses with DHCP</source>
        <translation>Adressen per DHCP vergeben</translation>
    </message>
    <message>
        <source>An isolated network gets no subnet unless you type one: then containers need addresses of their own.</source>
        <translation>Ein isoliertes Netzwerk erhält nur dann ein Subnetz, wenn Sie eines eingeben; sonst brauchen die Container eigene Adressen.</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adressen</translation>
    </message>
    <message>
        <source>The containers&apos; IPv4 subnet, and how they get their addresses.</source>
        <translation>Das IPv4-Subnetz der Container und wie sie ihre Adressen erhalten.</translation>
    </message>
    <message>
        <source>e.g. 192.168.160.0/24</source>
        <translation>z. B. 192.168.160.0/24</translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation>Subnetz</translation>
    </message>
    <message>
        <source>after the bridge</source>
        <translation>nach der Bridge</translation>
    </message>
    <message>
        <source>First DHCP address</source>
        <translation>Erste DHCP-Adresse</translation>
    </message>
    <message>
        <source>before broadcast</source>
        <translation>vor Broadcast</translation>
    </message>
    <message>
        <source>Last DHCP address</source>
        <translation>Letzte DHCP-Adresse</translation>
    </message>
    <message>
        <source>optional, e.g. lab.internal</source>
        <translation>optional, z. B. lab.internal</translation>
    </message>
    <message>
        <source>A /24 that nothing on this computer or its networks uses. The bridge gets its address .1; DHCP hands out .2 to .254.</source>
        <translation>Ein /24, das weder dieser Computer noch seine Netzwerke nutzen. Die Bridge erhält die Adresse .1; DHCP vergibt .2 bis .254.</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>Bereich:</translation>
    </message>
    <message>
        <source>DNS &amp;domain:</source>
        <translation>DNS-&amp;Domain:</translation>
    </message>
</context>
<context>
    <name>cubby::AuthAgent</name>
    <message numerus="yes">
        <source>The password was not accepted. Try again (%n attempt(s) left).</source>
        <translation>
            <numerusform>Das Passwort wurde nicht angenommen. Versuchen Sie es erneut (noch %n Versuch).</numerusform>
            <numerusform>Das Passwort wurde nicht angenommen. Versuchen Sie es erneut (noch %n Versuche).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cubby::AuthDialog</name>
    <message>
        <source>Container</source>
        <translation>Container</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Vorgang</translation>
    </message>
    <message>
        <source>Why an administrator</source>
        <translation>Warum ein Administrator</translation>
    </message>
    <message>
        <source>Administrator (root)</source>
        <translation>Administrator (root)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>A member of the group %1</source>
        <translation>Ein Mitglied der Gruppe %1</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Authentication Required</source>
        <translation>Anmeldung erforderlich</translation>
    </message>
    <message>
        <source>Authentication is needed to %1.</source>
        <translation>Für „%1“ ist eine Anmeldung erforderlich.</translation>
    </message>
    <message>
        <source>Nothing is changed until the password is accepted. Cancel to leave things as they are.</source>
        <translation>Nichts wird geändert, bevor das Passwort angenommen ist. Mit „Abbrechen“ bleibt alles, wie es ist.</translation>
    </message>
    <message>
        <source>Authenticate as</source>
        <translation>Anmelden als</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Details zeigen</translation>
    </message>
    <message>
        <source>&amp;Authenticate</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <source>Authenticate</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Authenticate as:</source>
        <translation>Anmelden als:</translation>
    </message>
    <message>
        <source>Action: %1</source>
        <translation>Aktion: %1</translation>
    </message>
    <message>
        <source>polkit says: %1</source>
        <translation>polkit meldet: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft …</translation>
    </message>
</context>
<context>
    <name>cubby::ConnectDialog</name>
    <message>
        <source>Connect to Host</source>
        <translation>Mit Host verbinden</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Cubby reaches the other machine&apos;s cubby-helper through SSH, with your SSH keys or agent, and shows its containers and networks beside this machine&apos;s. That machine&apos;s polkit decides what you may do there, as for the SSH user.</source>
        <translation>Cubby erreicht den cubby-helper des anderen Rechners über SSH, mit Ihren SSH-Schlüsseln oder Ihrem SSH-Agenten, und zeigt dessen Container und Netzwerke neben denen dieses Computers. Was Sie dort tun dürfen, entscheidet polkit auf jenem Rechner, so wie für den SSH-Benutzer.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>ssh://[USER@]HOST[:PORT]; the host key is checked as ssh checks it (~/.ssh/known_hosts).</source>
        <translation>ssh://[USER@]HOST[:PORT]; der Hostschlüssel wird so geprüft, wie ssh ihn prüft (~/.ssh/known_hosts).</translation>
    </message>
</context>
<context>
    <name>cubby::ContainerCreation</name>
    <message>
        <source>Using the root filesystem “%1” made before</source>
        <translation>Das zuvor erstellte Root-Dateisystem „%1“ wird verwendet</translation>
    </message>
    <message>
        <source>Importing the root filesystem…</source>
        <translation>Root-Dateisystem wird importiert…</translation>
    </message>
    <message>
        <source>Making the root filesystem…</source>
        <translation>Root-Dateisystem wird erstellt…</translation>
    </message>
    <message>
        <source>Waiting for cubby-helper…</source>
        <translation>Warten auf cubby-helper…</translation>
    </message>
    <message>
        <source>The root filesystem could not be started: %1</source>
        <translation>Das Erstellen des Root-Dateisystems konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>Reading the archive…</source>
        <translation>Archiv wird gelesen…</translation>
    </message>
    <message>
        <source>Started…</source>
        <translation>Gestartet…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <source>Root filesystem ready</source>
        <translation>Root-Dateisystem bereit</translation>
    </message>
    <message>
        <source>Cancelled: nothing was made.</source>
        <translation>Abgebrochen: Es wurde nichts erstellt.</translation>
    </message>
    <message>
        <source>Making the root filesystem failed: %1</source>
        <translation>Erstellen des Root-Dateisystems fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Finding the root filesystem…</source>
        <translation>Root-Dateisystem wird gesucht…</translation>
    </message>
    <message>
        <source>Could not list the root filesystems: %1</source>
        <translation>Die Root-Dateisysteme konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>The root filesystem “%1” is not listed by cubby-helper</source>
        <translation>Das Root-Dateisystem „%1“ wird von cubby-helper nicht aufgeführt</translation>
    </message>
    <message>
        <source>Defining the container…</source>
        <translation>Container wird definiert…</translation>
    </message>
    <message>
        <source>The definition was refused: %1</source>
        <translation>Die Definition wurde abgelehnt: %1</translation>
    </message>
    <message>
        <source>“%1” was defined, but autostart could not be set: %2</source>
        <translation>„%1“ wurde definiert, aber Autostart konnte nicht eingerichtet werden: %2</translation>
    </message>
    <message>
        <source>Starting the container…</source>
        <translation>Container wird gestartet…</translation>
    </message>
    <message>
        <source>“%1” was defined, but it could not start: %2</source>
        <translation>„%1“ wurde definiert, konnte aber nicht starten: %2</translation>
    </message>
    <message>
        <source>%1 of %2 MiB</source>
        <translation>%1 von %2 MiB</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>%1 wird heruntergeladen…</translation>
    </message>
    <message>
        <source>Reading from %1…</source>
        <translation>Lese von %1…</translation>
    </message>
</context>
<context>
    <name>cubby::ContainerListModel</name>
    <message>
        <source>Privileged: root inside this container is root on this computer</source>
        <translation>Privilegiert: root in diesem Container ist root auf diesem Computer</translation>
    </message>
    <message>
        <source>Unprivileged: root inside is an ordinary user on this computer</source>
        <translation>Unprivilegiert: root im Container ist ein gewöhnlicher Benutzer auf diesem Computer</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>privileged</source>
        <translation>privilegiert</translation>
    </message>
    <message>
        <source>unprivileged</source>
        <translation>unprivilegiert</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adressen</translation>
    </message>
    <message>
        <source>Autostart</source>
        <translation>Autostart</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>shut off</source>
        <translation>ausgeschaltet</translation>
    </message>
</context>
<context>
    <name>cubby::ContainerSummary</name>
    <message>
        <source>a new minimal BusyBox system, “%1”</source>
        <translation>ein neues minimales BusyBox-System, „%1“</translation>
    </message>
    <message>
        <source>, with %1</source>
        <translation>, mit %1</translation>
    </message>
    <message>
        <source>“%1”, unpacked from %2</source>
        <translation>„%1“, entpackt aus %2</translation>
    </message>
    <message>
        <source>the directory %1</source>
        <translation>das Verzeichnis %1</translation>
    </message>
    <message>
        <source>none: the host&apos;s files are shared</source>
        <translation>keines: Die Dateien des Hosts werden mitbenutzt</translation>
    </message>
    <message>
        <source>none (only loopback)</source>
        <translation>keines (nur Loopback)</translation>
    </message>
    <message>
        <source>the host&apos;s</source>
        <translation>das des Hosts</translation>
    </message>
    <message>
        <source>the Cubby network “%1”</source>
        <translation>das Cubby-Netzwerk „%1“</translation>
    </message>
    <message>
        <source>the host bridge %1</source>
        <translation>die Host-Bridge %1</translation>
    </message>
    <message>
        <source>at most %1 CPUs</source>
        <translation>höchstens %1 CPUs</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>, weight %1</source>
        <translation>, Gewichtung %1</translation>
    </message>
    <message>
        <source>The root filesystem is made first; this can take a while.</source>
        <translation>Zuerst wird das Root-Dateisystem erstellt; das kann eine Weile dauern.</translation>
    </message>
    <message>
        <source> The container starts when it is defined.</source>
        <translation> Der Container startet, sobald er definiert ist.</translation>
    </message>
    <message>
        <source> It starts whenever the computer starts.</source>
        <translation> Er startet bei jedem Start des Computers.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>%1 as %2%3</source>
        <translation>%1 als %2%3</translation>
    </message>
    <message>
        <source>, read-only</source>
        <translation>, schreibgeschützt</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b02020&apos;&gt;&lt;b&gt;privileged&lt;/b&gt;: root inside is root on this computer&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b02020&apos;&gt;&lt;b&gt;privilegiert&lt;/b&gt;: root im Container ist root auf diesem Computer&lt;/span&gt;</translation>
    </message>
    <message>
        <source>unprivileged: root inside is an ordinary user here</source>
        <translation>unprivilegiert: root im Container ist hier ein gewöhnlicher Benutzer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Root filesystem</source>
        <translation>Root-Dateisystem</translation>
    </message>
    <message>
        <source>Init</source>
        <translation>Init</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Shared folder</source>
        <translation>Freigegebener Ordner</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>a new minimal Debian %1 system, “%2”</source>
        <translation>ein neues minimales Debian-%1-System, „%2“</translation>
    </message>
    <message>
        <source>a new Debian %1 system booting systemd, “%2”</source>
        <translation>ein neues Debian-%1-System, das systemd startet, „%2“</translation>
    </message>
    <message>
        <source>; root logged in on the console by itself</source>
        <translation>; root wird auf der Konsole von selbst angemeldet</translation>
    </message>
    <message>
        <source>; root logs in with the password chosen</source>
        <translation>; root meldet sich mit dem gewählten Passwort an</translation>
    </message>
    <message>
        <source>; %1 logs in with the password chosen and may use sudo</source>
        <translation>; %1 meldet sich mit dem gewählten Passwort an und darf sudo nutzen</translation>
    </message>
    <message>
        <source>“%1”, %2 (build %3) downloaded from %4 and checked</source>
        <translation>„%1“, %2 (Build %3), von %4 heruntergeladen und geprüft</translation>
    </message>
</context>
<context>
    <name>cubby::ContainerWizard</name>
    <message>
        <source>New Container</source>
        <translation>Neuer Container</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Erstellen</translation>
    </message>
</context>
<context>
    <name>cubby::CreatePage</name>
    <message>
        <source>Cancel &amp;Job</source>
        <translation>&amp;Auftrag abbrechen</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Check what will be made, then press Create.</source>
        <translation>Prüfen Sie, was erstellt wird, und klicken Sie dann auf „Erstellen“.</translation>
    </message>
    <message>
        <source>Stop making the root filesystem; nothing half-made is kept</source>
        <translation>Erstellen des Root-Dateisystems abbrechen; nichts Halbfertiges bleibt zurück</translation>
    </message>
    <message>
        <source>“%1” is ready.</source>
        <translation>„%1“ ist bereit.</translation>
    </message>
    <message>
        <source>
Go back to change the request, or press Create to try again.</source>
        <translation>
Gehen Sie zurück, um die Angaben zu ändern, oder klicken Sie auf „Erstellen“, um es erneut zu versuchen.</translation>
    </message>
</context>
<context>
    <name>cubby::DiskSettings</name>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>I/O weight</source>
        <translation>E/A-Gewichtung</translation>
    </message>
    <message>
        <source>Its share of the disks against other containers when they are busy, 100–1000; where the host&apos;s disks have no weight control it is left out and the log says so</source>
        <translation>Sein Anteil an den Datenträgern gegenüber anderen Containern, wenn diese ausgelastet sind, 100–1000; wo die Datenträger des Hosts keine Gewichtung kennen, entfällt sie und das Protokoll sagt es</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>Datenträger</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source> MiB/s</source>
        <translation> MiB/s</translation>
    </message>
    <message>
        <source>Read limit</source>
        <translation>Lesegrenze</translation>
    </message>
    <message>
        <source>Write limit</source>
        <translation>Schreibgrenze</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> GiB</translation>
    </message>
    <message>
        <source>Disk quota</source>
        <translation>Speicherkontingent</translation>
    </message>
    <message>
        <source>At most this much in its root filesystem; needs project quotas on that filesystem (ext4 with the project feature mounted prjquota, or XFS with pquota)</source>
        <translation>Höchstens so viel in seinem Root-Dateisystem; braucht Projektquotas auf diesem Dateisystem (ext4 mit dem Merkmal „project“, eingehängt mit prjquota, oder XFS mit pquota)</translation>
    </message>
    <message>
        <source>&amp;Read:</source>
        <translation>&amp;Lesen:</translation>
    </message>
    <message>
        <source>Dis&amp;k I/O:</source>
        <translation>&amp;Datenträger-E/A:</translation>
    </message>
    <message>
        <source>Disk &amp;quota:</source>
        <translation>&amp;Kontingent:</translation>
    </message>
    <message>
        <source>after a restart</source>
        <translation>nach einem Neustart</translation>
    </message>
    <message>
        <source>I/O wei&amp;ght:</source>
        <translation>E/A-Ge&amp;wichtung:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>A disk quota is at least %1 MiB.</source>
        <translation>Ein Speicherkontingent beträgt mindestens %1 MiB.</translation>
    </message>
    <message>
        <source>Wri&amp;te:</source>
        <translation>Sch&amp;reiben:</translation>
    </message>
</context>
<context>
    <name>cubby::DnsNamesPage</name>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>DNS names</source>
        <translation>DNS-Namen</translation>
    </message>
    <message>
        <source>Optional: names this network&apos;s DNS server answers, and where it asks for other domains.</source>
        <translation>Optional: Namen, die der DNS-Server dieses Netzwerks beantwortet, und wo er nach anderen Domains fragt.</translation>
    </message>
    <message>
        <source>A name that answers with an address: a container&apos;s with a fixed address (.10 is the tenth of the subnet) or a machine&apos;s elsewhere.</source>
        <translation>Ein Name, der mit einer Adresse antwortet: der eines Containers mit fester Adresse (.10 ist die zehnte des Subnetzes) oder der eines Rechners anderswo.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Tells programs that look a service up (LDAP, XMPP, SIP…) which host and port offer it.</source>
        <translation>Sagt Programmen, die einen Dienst suchen (LDAP, XMPP, SIP…), welcher Host und Port ihn anbieten.</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>A short text that a name answers with, e.g. a token that proves a domain is yours.</source>
        <translation>Ein kurzer Text, mit dem ein Name antwortet, z. B. ein Token, das beweist, dass eine Domain Ihnen gehört.</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Names in a domain are asked of its own server (your company&apos;s, over a VPN), or answered from this network&apos;s names only and never sent out.</source>
        <translation>Namen einer Domain werden bei deren eigenem Server erfragt (dem Ihrer Firma, über ein VPN) oder nur aus den Namen dieses Netzwerks beantwortet und nie nach außen geschickt.</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domain</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>Beantwortet von</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>a DNS server</source>
        <translation>einem DNS-Server</translation>
    </message>
    <message>
        <source>this network only</source>
        <translation>nur diesem Netzwerk</translation>
    </message>
    <message>
        <source>This isolated network has no subnet, so no DNS server answers for it: leave this empty, or type a subnet on the Addresses page.</source>
        <translation>Dieses isolierte Netzwerk hat kein Subnetz, daher antwortet kein DNS-Server dafür: Lassen Sie dies leer, oder geben Sie auf der Seite „Adressen“ ein Subnetz ein.</translation>
    </message>
    <message>
        <source>A host name without a dot answers as name.%1 too.</source>
        <translation>Ein Hostname ohne Punkt antwortet auch als name.%1.</translation>
    </message>
</context>
<context>
    <name>cubby::HelperConnection</name>
    <message>
        <source>no system bus: %1</source>
        <translation>kein Systembus: %1</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Dieser Computer</translation>
    </message>
    <message>
        <source>ssh ended</source>
        <translation>ssh wurde beendet</translation>
    </message>
    <message numerus="yes">
        <source>%1 (connecting again in %n s)</source>
        <translation>
            <numerusform>%1 (neuer Verbindungsversuch in %n s)</numerusform>
            <numerusform>%1 (neuer Verbindungsversuch in %n s)</numerusform>
        </translation>
    </message>
    <message>
        <source>not connected to %1</source>
        <translation>nicht mit %1 verbunden</translation>
    </message>
    <message>
        <source>the connection is lost</source>
        <translation>die Verbindung ist unterbrochen</translation>
    </message>
</context>
<context>
    <name>cubby::HelperErrors</name>
    <message>
        <source>do that</source>
        <translation>das tun</translation>
    </message>
    <message>
        <source>Nothing was changed: the authentication to %1 was cancelled or did not succeed.</source>
        <translation>Nichts wurde geändert: Die Anmeldung für „%1“ wurde abgebrochen oder ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Nothing was changed: you may not %1 on this computer. An administrator can allow it.</source>
        <translation>Nichts wurde geändert: „%1“ ist Ihnen auf diesem Computer nicht erlaubt. Ein Administrator kann es erlauben.</translation>
    </message>
    <message>
        <source>Cubby&apos;s system service (cubby-helper) cannot be reached: %1</source>
        <translation>Der Systemdienst von Cubby (cubby-helper) ist nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Cubby&apos;s system service did not answer in time: %1</source>
        <translation>Der Systemdienst von Cubby hat nicht rechtzeitig geantwortet: %1</translation>
    </message>
    <message>
        <source>The system bus does not let this app talk to Cubby&apos;s system service: %1</source>
        <translation>Der Systembus lässt diese Anwendung nicht mit dem Systemdienst von Cubby sprechen: %1</translation>
    </message>
    <message>
        <source>see the containers and networks here</source>
        <translation>Container und Netzwerke hier sehen</translation>
    </message>
    <message>
        <source>change containers</source>
        <translation>Container ändern</translation>
    </message>
    <message>
        <source>change your own containers</source>
        <translation>eigene Container ändern</translation>
    </message>
    <message>
        <source>use a container&apos;s console or shell</source>
        <translation>Konsole oder Shell eines Containers benutzen</translation>
    </message>
    <message>
        <source>change networks</source>
        <translation>Netzwerke ändern</translation>
    </message>
    <message>
        <source>Not accepted, nothing was changed: %1</source>
        <translation>Nicht angenommen, nichts wurde geändert: %1</translation>
    </message>
    <message>
        <source>It does not exist (any more): %1</source>
        <translation>Existiert nicht (mehr): %1</translation>
    </message>
    <message>
        <source>The name is taken: %1</source>
        <translation>Der Name ist vergeben: %1</translation>
    </message>
    <message>
        <source>It clashes with what is there, nothing was changed: %1</source>
        <translation>Steht im Konflikt mit Vorhandenem, nichts wurde geändert: %1</translation>
    </message>
    <message>
        <source>This computer cannot do that: %1</source>
        <translation>Das kann dieser Computer nicht: %1</translation>
    </message>
    <message>
        <source>It failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>cubby::HostSection</name>
    <message>
        <source>Containers on %1</source>
        <translation>Container auf %1</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>Container</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Neu verbinden</translation>
    </message>
    <message>
        <source>Connect to %1 again now</source>
        <translation>Jetzt erneut mit %1 verbinden</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Trennen</translation>
    </message>
    <message>
        <source>Close the connection to %1</source>
        <translation>Die Verbindung zu %1 schließen</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>not reachable: %1</source>
        <translation>nicht erreichbar: %1</translation>
    </message>
</context>
<context>
    <name>cubby::ImageCatalogue</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>cubby::ImageChooser</name>
    <message>
        <source>&amp;Load List</source>
        <translation>&amp;Liste laden</translation>
    </message>
    <message>
        <source>Image server</source>
        <translation>Image-Server</translation>
    </message>
    <message>
        <source>A simplestreams server over https (or http on this computer)</source>
        <translation>Ein simplestreams-Server über https (oder http auf diesem Computer)</translation>
    </message>
    <message>
        <source>Search, e.g. alpine or ubuntu/noble</source>
        <translation>Suchen, z. B. alpine oder ubuntu/noble</translation>
    </message>
    <message>
        <source>Search images</source>
        <translation>Images suchen</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Loading the list from %1…</source>
        <translation>Die Liste wird von %1 geladen…</translation>
    </message>
    <message>
        <source>%1 — %2, build %3, %4 MiB</source>
        <translation>%1 — %2, Build %3, %4 MiB</translation>
    </message>
    <message>
        <source>The server offers no container images for %1.</source>
        <translation>Der Server bietet keine Container-Images für %1 an.</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) for %1; downloaded here, checked against the server&apos;s checksum and kept for the next time.</source>
        <translation>
            <numerusform>%n Image für %1; hier heruntergeladen, mit der Prüfsumme des Servers geprüft und für das nächste Mal behalten.</numerusform>
            <numerusform>%n Images für %1; hier heruntergeladen, mit der Prüfsumme des Servers geprüft und für das nächste Mal behalten.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cubby::ImageDownload</name>
    <message>
        <source>Cannot make %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Cannot download %1: %2</source>
        <translation>%1 kann nicht heruntergeladen werden: %2</translation>
    </message>
    <message>
        <source>The download of %1 does not match the image server&apos;s checksum; it was not used and nothing was kept.</source>
        <translation>Der Download von %1 passt nicht zur Prüfsumme des Image-Servers; er wurde nicht verwendet und nichts wurde behalten.</translation>
    </message>
    <message>
        <source>Cannot keep %1: %2</source>
        <translation>%1 kann nicht behalten werden: %2</translation>
    </message>
</context>
<context>
    <name>cubby::InterfaceSettings</name>
    <message>
        <source>Network interfaces</source>
        <translation>Netzwerkschnittstellen</translation>
    </message>
    <message>
        <source>Network for a new interface</source>
        <translation>Netzwerk für eine neue Schnittstelle</translation>
    </message>
    <message>
        <source>A new interface on the chosen Cubby network</source>
        <translation>Eine neue Schnittstelle im gewählten Cubby-Netzwerk</translation>
    </message>
    <message>
        <source>Remove interface</source>
        <translation>Schnittstelle entfernen</translation>
    </message>
    <message>
        <source>after a restart</source>
        <translation>nach einem Neustart</translation>
    </message>
    <message>
        <source>%1: network %2</source>
        <translation>%1: Netzwerk %2</translation>
    </message>
    <message>
        <source>%1: host bridge %2</source>
        <translation>%1: Host-Bridge %2</translation>
    </message>
    <message>
        <source>%1: macvlan on %2</source>
        <translation>%1: Macvlan auf %2</translation>
    </message>
    <message>
        <source>None: only loopback</source>
        <translation>Keine: nur Loopback</translation>
    </message>
    <message>
        <source>None: the host&apos;s network</source>
        <translation>Keine: das Netzwerk des Hosts</translation>
    </message>
    <message>
        <source>Add Interface</source>
        <translation>Schnittstelle hinzufügen</translation>
    </message>
    <message>
        <source>Rem&amp;ove</source>
        <translation>Entf&amp;ernen</translation>
    </message>
    <message>
        <source>No networks</source>
        <translation>Keine Netzwerke</translation>
    </message>
    <message>
        <source>These add to the walls of its networks; DHCP, DNS and ping still work.</source>
        <translation>Diese Mauern kommen zu denen seiner Netzwerke hinzu; DHCP, DNS und Ping funktionieren weiter.</translation>
    </message>
    <message>
        <source>Walls hold on Cubby networks only, not on a host bridge</source>
        <translation>Mauern gelten nur in Cubby-Netzwerken, nicht an einer Bridge des Rechners</translation>
    </message>
    <message>
        <source>Keep it from &amp;services on this computer</source>
        <translation>Von den Diensten dieses Computers &amp;fernhalten</translation>
    </message>
    <message>
        <source>Keep it off t&amp;he local network (internet only)</source>
        <translation>Vom lokalen Ne&amp;tzwerk fernhalten (nur Internet)</translation>
    </message>
    <message>
        <source>Walls hold on Cubby networks: add an interface on one first</source>
        <translation>Mauern gelten in Cubby-Netzwerken: fügen Sie zuerst eine Schnittstelle in einem hinzu</translation>
    </message>
</context>
<context>
    <name>cubby::JobsStatus</name>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation>
            <numerusform> (+%n weiterer)</numerusform>
            <numerusform> (+%n weitere)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel this job: what it made so far is removed</source>
        <translation>Diesen Auftrag abbrechen: Was er bisher erstellt hat, wird entfernt</translation>
    </message>
    <message>
        <source>Cancel the job</source>
        <translation>Auftrag abbrechen</translation>
    </message>
</context>
<context>
    <name>cubby::MainWindow</name>
    <message>
        <source>Starting %1…</source>
        <translation>%1 wird gestartet…</translation>
    </message>
    <message>
        <source>Could not start “%1”</source>
        <translation>„%1“ konnte nicht gestartet werden</translation>
    </message>
    <message>
        <source>Shutting down %1…</source>
        <translation>%1 wird heruntergefahren…</translation>
    </message>
    <message>
        <source>Could not shut down “%1”</source>
        <translation>„%1“ konnte nicht heruntergefahren werden</translation>
    </message>
    <message>
        <source>Stopping %1…</source>
        <translation>%1 wird gestoppt…</translation>
    </message>
    <message>
        <source>Could not force off “%1”</source>
        <translation>„%1“ konnte nicht ausgeschaltet werden</translation>
    </message>
    <message>
        <source>Rebooting %1…</source>
        <translation>%1 wird neu gestartet…</translation>
    </message>
    <message>
        <source>Could not reboot “%1”</source>
        <translation>„%1“ konnte nicht neu gestartet werden</translation>
    </message>
    <message>
        <source>%1 — console</source>
        <translation>%1 — Konsole</translation>
    </message>
    <message>
        <source>Could not open the console of “%1”</source>
        <translation>Die Konsole von „%1“ konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 — shell</source>
        <translation>%1 — Shell</translation>
    </message>
    <message>
        <source>Could not open a shell in “%1”</source>
        <translation>In „%1“ konnte keine Shell geöffnet werden</translation>
    </message>
    <message>
        <source>Delete Container</source>
        <translation>Container löschen</translation>
    </message>
    <message>
        <source>Delete the container “%1”?</source>
        <translation>Den Container „%1“ löschen?</translation>
    </message>
    <message>
        <source>Its definition is removed. Its root filesystem and logs are kept.</source>
        <translation>Seine Definition wird entfernt. Root-Dateisystem und Protokolle bleiben erhalten.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Deleting %1…</source>
        <translation>%1 wird gelöscht…</translation>
    </message>
    <message>
        <source>Could not delete “%1”</source>
        <translation>„%1“ konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>%1 (ended)</source>
        <translation>%1 (beendet)</translation>
    </message>
    <message>
        <source>Cubby</source>
        <translation>Cubby</translation>
    </message>
    <message>
        <source>&amp;New Container…</source>
        <translation>&amp;Neuer Container…</translation>
    </message>
    <message>
        <source>Make a new container in a wizard</source>
        <translation>Einen neuen Container mit einem Assistenten erstellen</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Start the container</source>
        <translation>Den Container starten</translation>
    </message>
    <message>
        <source>Shut &amp;Down</source>
        <translation>&amp;Herunterfahren</translation>
    </message>
    <message>
        <source>Ask the container&apos;s init to power off</source>
        <translation>Das Init des Containers zum Ausschalten auffordern</translation>
    </message>
    <message>
        <source>&amp;Force Off</source>
        <translation>&amp;Ausschalten erzwingen</translation>
    </message>
    <message>
        <source>Stop the container at once, killing all its processes</source>
        <translation>Den Container sofort stoppen und alle seine Prozesse beenden</translation>
    </message>
    <message>
        <source>&amp;Reboot</source>
        <translation>Ne&amp;u starten</translation>
    </message>
    <message>
        <source>Open &amp;Console</source>
        <translation>&amp;Konsole öffnen</translation>
    </message>
    <message>
        <source>Show the container&apos;s console in a new tab</source>
        <translation>Die Konsole des Containers in einem neuen Tab anzeigen</translation>
    </message>
    <message>
        <source>Open S&amp;hell</source>
        <translation>Sh&amp;ell öffnen</translation>
    </message>
    <message>
        <source>Open a root shell inside the container in a new tab</source>
        <translation>Eine root-Shell im Container in einem neuen Tab öffnen</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Remove the container&apos;s definition</source>
        <translation>Die Definition des Containers entfernen</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Aktualisie&amp;ren</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Container</source>
        <translation>&amp;Container</translation>
    </message>
    <message>
        <source>&amp;Network</source>
        <translation>&amp;Netzwerk</translation>
    </message>
    <message>
        <source>New &amp;Network…</source>
        <translation>Neues &amp;Netzwerk…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>Container</translation>
    </message>
    <message>
        <source>Filter containers</source>
        <translation>Container filtern</translation>
    </message>
    <message>
        <source>Filter Containers</source>
        <translation>Container filtern</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>Container</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>Netzwerke</translation>
    </message>
    <message>
        <source>Select a container to see its log.</source>
        <translation>Wählen Sie einen Container aus, um sein Protokoll zu sehen.</translation>
    </message>
    <message>
        <source>The log cannot be shown: %1</source>
        <translation>Das Protokoll kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>Events
%1

Console
%2</source>
        <translation>Ereignisse
%1

Konsole
%2</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(noch keine)</translation>
    </message>
    <message>
        <source>(nothing yet)</source>
        <translation>(noch nichts)</translation>
    </message>
    <message>
        <source>%1 — you may not: %2</source>
        <translation>%1 — nicht erlaubt: %2</translation>
    </message>
    <message>
        <source>polkit does not allow it</source>
        <translation>polkit erlaubt es nicht</translation>
    </message>
    <message>
        <source>%1 — asks for an administrator&apos;s password%2</source>
        <translation>%1 — erfordert das Passwort eines Administrators%2</translation>
    </message>
    <message>
        <source>: %1</source>
        <translation>: %1</translation>
    </message>
    <message>
        <source>Connected to cubby-helper</source>
        <translation>Mit cubby-helper verbunden</translation>
    </message>
    <message>
        <source>Connecting to cubby-helper…</source>
        <translation>Verbindung zu cubby-helper wird hergestellt…</translation>
    </message>
    <message>
        <source>cubby-helper not reachable: %1</source>
        <translation>cubby-helper nicht erreichbar: %1</translation>
    </message>
    <message>
        <source>Could not list the containers</source>
        <translation>Die Container konnten nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>XML</source>
        <translation>XML</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 auf %2</translation>
    </message>
    <message>
        <source>%1 on %2, through ssh</source>
        <translation>%1 auf %2, über ssh</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation>%1: abgebrochen</translation>
    </message>
    <message>
        <source>Clone Container</source>
        <translation>Container klonen</translation>
    </message>
    <message>
        <source>Name of the copy of “%1”:</source>
        <translation>Name der Kopie von „%1“:</translation>
    </message>
    <message>
        <source>%1-copy</source>
        <translation>%1-kopie</translation>
    </message>
    <message>
        <source>Cloning %1…</source>
        <translation>%1 wird geklont…</translation>
    </message>
    <message>
        <source>Could not clone “%1”</source>
        <translation>„%1“ konnte nicht geklont werden</translation>
    </message>
    <message>
        <source>Cloned “%1” as “%2”. %3</source>
        <translation>„%1“ als „%2“ geklont. %3</translation>
    </message>
    <message>
        <source>Export “%1”</source>
        <translation>„%1“ exportieren</translation>
    </message>
    <message>
        <source>Cubby exports (%1);;All files (*)</source>
        <translation>Cubby-Exporte (%1);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Could not export “%1”</source>
        <translation>„%1“ konnte nicht exportiert werden</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>%1 wird exportiert…</translation>
    </message>
    <message>
        <source>Exported “%1” to %2</source>
        <translation>„%1“ nach %2 exportiert</translation>
    </message>
    <message>
        <source>Import Container</source>
        <translation>Container importieren</translation>
    </message>
    <message>
        <source>Name of the new container:</source>
        <translation>Name des neuen Containers:</translation>
    </message>
    <message>
        <source>Could not import %1</source>
        <translation>%1 konnte nicht importiert werden</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <source>Imported “%1” from %2</source>
        <translation>„%1“ aus %2 importiert</translation>
    </message>
    <message>
        <source>Could not copy %1 into “%2”</source>
        <translation>%1 konnte nicht nach „%2“ kopiert werden</translation>
    </message>
    <message>
        <source>only files are copied by drag and drop; for a folder use cubbyctl cp -r</source>
        <translation>Per Drag-and-Drop werden nur Dateien kopiert; für einen Ordner verwenden Sie cubbyctl cp -r</translation>
    </message>
    <message>
        <source>Copying %1 into %2…</source>
        <translation>%1 wird nach %2 kopiert…</translation>
    </message>
    <message>
        <source>Copied to %1:%2</source>
        <translation>Nach %1:%2 kopiert</translation>
    </message>
    <message>
        <source>Clo&amp;ne…</source>
        <translation>Kl&amp;onen…</translation>
    </message>
    <message>
        <source>Copy the stopped container under a new name</source>
        <translation>Den gestoppten Container unter einem neuen Namen kopieren</translation>
    </message>
    <message>
        <source>Sn&amp;apshots…</source>
        <translation>Sna&amp;pshots…</translation>
    </message>
    <message>
        <source>Take, restore and delete snapshots of the stopped container</source>
        <translation>Snapshots des gestoppten Containers erstellen, wiederherstellen und löschen</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Write the stopped container into one file, to import elsewhere</source>
        <translation>Den gestoppten Container in eine Datei schreiben, um ihn anderswo zu importieren</translation>
    </message>
    <message>
        <source>Connect to &amp;Host…</source>
        <translation>Mit &amp;Host verbinden…</translation>
    </message>
    <message>
        <source>Manage the containers of another machine over SSH</source>
        <translation>Die Container eines anderen Rechners über SSH verwalten</translation>
    </message>
    <message>
        <source>&amp;Import Container…</source>
        <translation>Container &amp;importieren…</translation>
    </message>
    <message>
        <source>Make a container on this machine from an exported file</source>
        <translation>Einen Container auf diesem Computer aus einer exportierten Datei erstellen</translation>
    </message>
    <message>
        <source>Could not list the containers of %1</source>
        <translation>Die Container von %1 konnten nicht aufgelistet werden</translation>
    </message>
    <message>
        <source>Cannot connect to “%1”: %2</source>
        <translation>Keine Verbindung zu „%1“ möglich: %2</translation>
    </message>
    <message>
        <source>%1 is shown already.</source>
        <translation>%1 wird bereits angezeigt.</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 of %n other machine(s) connected</source>
        <translation>
            <numerusform>%1 · %2 von %n anderen Rechner verbunden</numerusform>
            <numerusform>%1 · %2 von %n anderen Rechnern verbunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>Passwort für %1</translation>
    </message>
    <message>
        <source>The polkit of %1 asks for a password: type it here</source>
        <translation>Das polkit von %1 fragt nach einem Passwort: Geben Sie es hier ein</translation>
    </message>
    <message>
        <source>Passwords cannot be asked for on %1: %2</source>
        <translation>Auf %1 kann nicht nach Passwörtern gefragt werden: %2</translation>
    </message>
    <message>
        <source>not a file; an export is one file</source>
        <translation>keine Datei; ein Export ist eine Datei</translation>
    </message>
</context>
<context>
    <name>cubby::MessageBar</name>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close message</source>
        <translation>Meldung schließen</translation>
    </message>
</context>
<context>
    <name>cubby::NameKindPage</name>
    <message>
        <source>NAT (recommended)</source>
        <translation>NAT (empfohlen)</translation>
    </message>
    <message>
        <source>Isolated</source>
        <translation>Isoliert</translation>
    </message>
    <message>
        <source>Routed</source>
        <translation>Geroutet</translation>
    </message>
    <message>
        <source>Name and kind</source>
        <translation>Name und Art</translation>
    </message>
    <message>
        <source>What the network is called and where its containers may go.</source>
        <translation>Wie das Netzwerk heißt und wohin seine Container gelangen dürfen.</translation>
    </message>
    <message>
        <source>e.g. lab</source>
        <translation>z. B. lab</translation>
    </message>
    <message>
        <source>Network name</source>
        <translation>Netzwerkname</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Works on Wi-Fi: containers reach the internet through this computer, which hides them behind its own address.</source>
        <translation>Funktioniert auch im WLAN: Container erreichen das Internet über diesen Computer, der sie hinter seiner eigenen Adresse verbirgt.</translation>
    </message>
    <message>
        <source>Containers and this computer only; nothing leaves it.</source>
        <translation>Nur die Container und dieser Computer; nichts verlässt das Netzwerk.</translation>
    </message>
    <message>
        <source>Containers keep their own addresses on the outside; your router must know the way back to the subnet.</source>
        <translation>Container behalten nach außen ihre eigenen Adressen; Ihr Router muss den Weg zurück ins Subnetz kennen.</translation>
    </message>
    <message>
        <source>On the local network</source>
        <translation>Im lokalen Netzwerk</translation>
    </message>
    <message>
        <source>Looking for this computer&apos;s network cards…</source>
        <translation>Suche die Netzwerkkarten dieses Computers…</translation>
    </message>
    <message>
        <source>Bridge or network card</source>
        <translation>Bridge oder Netzwerkkarte</translation>
    </message>
</context>
<context>
    <name>cubby::NamePage</name>
    <message>
        <source>Limit CPU time to</source>
        <translation>CPU-Zeit begrenzen auf</translation>
    </message>
    <message>
        <source>Start the container when the computer starts</source>
        <translation>Container beim Start des Computers starten</translation>
    </message>
    <message>
        <source>Start the container once it is created</source>
        <translation>Container nach dem Erstellen starten</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Schreibgeschützt</translation>
    </message>
    <message>
        <source>&amp;Privileged container</source>
        <translation>&amp;Privilegierter Container</translation>
    </message>
    <message>
        <source>Name and Resources</source>
        <translation>Name und Ressourcen</translation>
    </message>
    <message>
        <source>The name is also the container&apos;s host name.</source>
        <translation>Der Name ist auch der Hostname des Containers.</translation>
    </message>
    <message>
        <source>letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;</source>
        <translation>Buchstaben, Ziffern, &apos;-&apos;, &apos;_&apos; und &apos;.&apos;</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>CPU limit</source>
        <translation>CPU-Begrenzung</translation>
    </message>
    <message>
        <source> CPUs</source>
        <translation> CPUs</translation>
    </message>
    <message>
        <source>Its share of the CPUs against other containers when they are busy; 1024 is the default</source>
        <translation>Sein Anteil an den CPUs gegenüber anderen Containern, wenn diese ausgelastet sind; Standard ist 1024</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Memory:</source>
        <translation>&amp;Speicher:</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>CPU:</translation>
    </message>
    <message>
        <source>CPU &amp;weight:</source>
        <translation>CPU-&amp;Gewichtung:</translation>
    </message>
    <message>
        <source>optional: a folder of your home</source>
        <translation>optional, aus Ihrem Home</translation>
    </message>
    <message>
        <source>&lt;b&gt;Warning:&lt;/b&gt; root inside a privileged container is root on this computer. Anything running in it can take over the computer. Use it only for software you trust that cannot work otherwise; an administrator&apos;s password is needed.</source>
        <translation>&lt;b&gt;Warnung:&lt;/b&gt; root in einem privilegierten Container ist root auf diesem Computer. Alles, was darin läuft, kann den Computer übernehmen. Verwenden Sie ihn nur für vertrauenswürdige Software, die anders nicht funktioniert; das Passwort eines Administrators ist erforderlich.</translation>
    </message>
    <message>
        <source>&amp;Shared folder:</source>
        <translation>&amp;Freigegebener Ordner:</translation>
    </message>
    <message>
        <source>Security:</source>
        <translation>Sicherheit:</translation>
    </message>
    <message>
        <source>Files of your home are not visible inside unless you share a folder.</source>
        <translation>Dateien aus Ihrem Home-Verzeichnis sind im Container nur sichtbar, wenn Sie einen Ordner freigeben.</translation>
    </message>
    <message>
        <source>Appears inside as %1, owned by root there; the files stay yours here.</source>
        <translation>Erscheint im Container als %1 und gehört dort root; hier gehören die Dateien weiterhin Ihnen.</translation>
    </message>
    <message>
        <source>Choose a Folder to Share</source>
        <translation>Freizugebenden Ordner auswählen</translation>
    </message>
    <message>
        <source>not in a wizard</source>
        <translation>nicht in einem Assistenten</translation>
    </message>
</context>
<context>
    <name>cubby::NetworkListModel</name>
    <message>
        <source>NAT</source>
        <translation>NAT</translation>
    </message>
    <message>
        <source>routed</source>
        <translation>geroutet</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>isolated</source>
        <translation>isoliert</translation>
    </message>
    <message>
        <source>Containers reach the internet through this computer</source>
        <translation>Container erreichen das Internet über diesen Computer</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation>Bridge</translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation>Subnetz</translation>
    </message>
    <message>
        <source>Forwarding</source>
        <translation>Weiterleitung</translation>
    </message>
    <message>
        <source>Autostart</source>
        <translation>Autostart</translation>
    </message>
    <message>
        <source>on the LAN</source>
        <translation>im LAN</translation>
    </message>
</context>
<context>
    <name>cubby::NetworkPage</name>
    <message>
        <source>Share the &amp;host&apos;s network</source>
        <translation>Netzwerk des &amp;Hosts mitbenutzen</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>How the container reaches other machines.</source>
        <translation>Wie der Container andere Rechner erreicht.</translation>
    </message>
    <message>
        <source>&amp;No network (only its own loopback)</source>
        <translation>&amp;Kein Netzwerk (nur eigenes Loopback)</translation>
    </message>
    <message>
        <source>A Cubby &amp;network:</source>
        <translation>Ein Cubby-&amp;Netzwerk:</translation>
    </message>
    <message>
        <source>A host &amp;bridge:</source>
        <translation>Eine Host-&amp;Bridge:</translation>
    </message>
    <message>
        <source>Cubby network</source>
        <translation>Cubby-Netzwerk</translation>
    </message>
    <message>
        <source>Host bridge</source>
        <translation>Host-Bridge</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2) — not active</source>
        <translation>%1 (%2) — nicht aktiv</translation>
    </message>
    <message>
        <source>The container gets its own network stack with only the loopback interface.</source>
        <translation>Der Container erhält einen eigenen Netzwerkstack, nur mit der Loopback-Schnittstelle.</translation>
    </message>
    <message>
        <source>The application sees and uses the host&apos;s interfaces and addresses.</source>
        <translation>Die Anwendung sieht und nutzt die Schnittstellen und Adressen des Hosts.</translation>
    </message>
    <message>
        <source>“%1” is not active: the container cannot start until the network is started.</source>
        <translation>„%1“ ist nicht aktiv: Der Container kann erst starten, wenn das Netzwerk gestartet ist.</translation>
    </message>
    <message>
        <source>The container gets an address reserved for it in the network.</source>
        <translation>Der Container erhält eine für ihn reservierte Adresse im Netzwerk.</translation>
    </message>
    <message>
        <source>The container&apos;s interface joins an existing bridge of the host, on that bridge&apos;s network.</source>
        <translation>Die Schnittstelle des Containers wird an eine vorhandene Bridge des Hosts angeschlossen, im Netzwerk dieser Bridge.</translation>
    </message>
    <message>
        <source>not in a wizard</source>
        <translation>nicht in einem Assistenten</translation>
    </message>
</context>
<context>
    <name>cubby::NetworkRequest</name>
    <message>
        <source>Give the network a name.</source>
        <translation>Geben Sie dem Netzwerk einen Namen.</translation>
    </message>
    <message>
        <source>A network named “%1” exists already.</source>
        <translation>Ein Netzwerk namens „%1“ existiert bereits.</translation>
    </message>
    <message>
        <source>%1 overlaps %2, the subnet of the network “%3”.</source>
        <translation>%1 überschneidet sich mit %2, dem Subnetz des Netzwerks „%3“.</translation>
    </message>
    <message>
        <source>Port forwards need a NAT network.</source>
        <translation>Portweiterleitungen erfordern ein NAT-Netzwerk.</translation>
    </message>
    <message>
        <source>Row %1: </source>
        <translation>Zeile %1: </translation>
    </message>
    <message>
        <source>the protocol is tcp or udp.</source>
        <translation>Das Protokoll muss tcp oder udp sein.</translation>
    </message>
    <message>
        <source>the host port “%1” is not a port (1–65535).</source>
        <translation>Der Host-Port „%1“ ist kein gültiger Port (1–65535).</translation>
    </message>
    <message>
        <source>the container port “%1” is not a port (1–65535).</source>
        <translation>Der Container-Port „%1“ ist kein gültiger Port (1–65535).</translation>
    </message>
    <message>
        <source>host port %1 is forwarded twice.</source>
        <translation>Host-Port %1 wird doppelt weitergeleitet.</translation>
    </message>
    <message>
        <source>the subnet is chosen for you, so give the container&apos;s host number, e.g. .10, not “%1”.</source>
        <translation>Das Subnetz wird automatisch gewählt; geben Sie daher die Hostnummer des Containers an, z. B. .10, nicht „%1“.</translation>
    </message>
    <message>
        <source>The MTU “%1” is not a size from 576 to 65535 bytes.</source>
        <translation>Die MTU „%1“ ist keine Größe von 576 bis 65535 Bytes.</translation>
    </message>
    <message>
        <source>IPv6 needs an MTU of at least 1280 bytes; a smaller one only works without IPv6.</source>
        <translation>IPv6 braucht eine MTU von mindestens 1280 Bytes; eine kleinere geht nur ohne IPv6.</translation>
    </message>
    <message>
        <source>Services (SRV)</source>
        <translation>Dienste (SRV)</translation>
    </message>
    <message>
        <source>Text (TXT)</source>
        <translation>Text (TXT)</translation>
    </message>
    <message>
        <source>Host names</source>
        <translation>Hostnamen</translation>
    </message>
    <message>
        <source>give the name.</source>
        <translation>Geben Sie den Namen an.</translation>
    </message>
    <message>
        <source>“%1” is not a host name (letters, digits, &apos;-&apos; and &apos;.&apos;).</source>
        <translation>„%1“ ist kein Hostname (Buchstaben, Ziffern, &apos;-&apos; und &apos;.&apos;).</translation>
    </message>
    <message>
        <source>give the address.</source>
        <translation>Geben Sie die Adresse an.</translation>
    </message>
    <message>
        <source>this network has no IPv4 subnet for the host number %1; give a full address.</source>
        <translation>Dieses Netzwerk hat kein IPv4-Subnetz für die Hostnummer %1; geben Sie eine vollständige Adresse an.</translation>
    </message>
    <message>
        <source>the subnet chosen for you is a /24, so a host number is .1 to .254, not %1.</source>
        <translation>Das für Sie gewählte Subnetz ist ein /24, eine Hostnummer ist daher .1 bis .254, nicht %1.</translation>
    </message>
    <message>
        <source>the host number %1 does not fit the subnet %2.</source>
        <translation>Die Hostnummer %1 passt nicht in das Subnetz %2.</translation>
    </message>
    <message>
        <source>“%1” is not an IP address.</source>
        <translation>„%1“ ist keine IP-Adresse.</translation>
    </message>
    <message>
        <source>give the service, e.g. ldap.</source>
        <translation>Geben Sie den Dienst an, z. B. ldap.</translation>
    </message>
    <message>
        <source>“%1” is not a service name (letters, digits and &apos;-&apos;, at most 15).</source>
        <translation>„%1“ ist kein Dienstname (Buchstaben, Ziffern und &apos;-&apos;, höchstens 15).</translation>
    </message>
    <message>
        <source>give the host that offers the service.</source>
        <translation>Geben Sie den Host an, der den Dienst anbietet.</translation>
    </message>
    <message>
        <source>the port “%1” is not a port (1–65535).</source>
        <translation>Der Port „%1“ ist kein gültiger Port (1–65535).</translation>
    </message>
    <message>
        <source>“%1” is not a DNS name (letters, digits, &apos;-&apos; and &apos;.&apos;).</source>
        <translation>„%1“ ist kein DNS-Name (Buchstaben, Ziffern, &apos;-&apos; und &apos;.&apos;).</translation>
    </message>
    <message>
        <source>the text holds up to 255 plain ASCII characters, without quotes or backslashes.</source>
        <translation>Der Text fasst bis zu 255 einfache ASCII-Zeichen, ohne Anführungszeichen und Backslashes.</translation>
    </message>
    <message>
        <source>give the domain, e.g. corp.example.</source>
        <translation>Geben Sie die Domain an, z. B. corp.example.</translation>
    </message>
    <message>
        <source>“%1” is not a domain name (letters, digits, &apos;-&apos; and &apos;.&apos;).</source>
        <translation>„%1“ ist kein Domainname (Buchstaben, Ziffern, &apos;-&apos; und &apos;.&apos;).</translation>
    </message>
    <message>
        <source>%1 is this network&apos;s own domain, which it answers itself.</source>
        <translation>%1 ist die eigene Domain dieses Netzwerks, die es selbst beantwortet.</translation>
    </message>
    <message>
        <source>the domain %1 is listed twice.</source>
        <translation>Die Domain %1 steht zweimal in der Liste.</translation>
    </message>
    <message>
        <source>give the server&apos;s address, or answer the domain on this network only.</source>
        <translation>Geben Sie die Adresse des Servers an, oder beantworten Sie die Domain nur in diesem Netzwerk.</translation>
    </message>
    <message>
        <source>%1, row %2: %3</source>
        <translation>%1, Zeile %2: %3</translation>
    </message>
    <message>
        <source>This isolated network has no subnet, so no DNS server answers for it: type a subnet on the Addresses page, or remove these names.</source>
        <translation>Dieses isolierte Netzwerk hat kein Subnetz, daher antwortet kein DNS-Server dafür: Geben Sie auf der Seite „Adressen“ ein Subnetz ein, oder entfernen Sie diese Namen.</translation>
    </message>
    <message>
        <source>Domain forwarders</source>
        <translation>Domain-Weiterleitungen</translation>
    </message>
    <message>
        <source>Choose the bridge or network card the containers join.</source>
        <translation>Wählen Sie die Bridge oder Netzwerkkarte, an die die Container kommen.</translation>
    </message>
    <message>
        <source>This computer has no wired network card or bridge to put containers on; choose NAT.</source>
        <translation>Dieser Computer hat keine kabelgebundene Netzwerkkarte und keine Bridge für Container; wählen Sie NAT.</translation>
    </message>
    <message>
        <source>This computer reaches the network over Wi-Fi (%1), and most access points drop traffic from the containers&apos; own addresses: choose NAT unless you use a wired card.</source>
        <translation>Dieser Computer ist über WLAN (%1) im Netzwerk, und die meisten Access Points verwerfen Verkehr von den eigenen Adressen der Container: wählen Sie NAT, außer Sie nutzen eine kabelgebundene Karte.</translation>
    </message>
    <message>
        <source>Containers get addresses from your router, like any computer on the network. Starting them needs an administrator.</source>
        <translation>Container erhalten Adressen von Ihrem Router wie jeder Computer im Netzwerk. Sie zu starten erfordert einen Administrator.</translation>
    </message>
    <message>
        <source>%1 — this computer&apos;s bridge</source>
        <translation>%1 — Bridge dieses Computers</translation>
    </message>
    <message>
        <source>%1 — network card</source>
        <translation>%1 — Netzwerkkarte</translation>
    </message>
    <message>
        <source>, Wi-Fi</source>
        <translation>, WLAN</translation>
    </message>
    <message>
        <source>, the uplink</source>
        <translation>, Uplink</translation>
    </message>
    <message>
        <source>, down</source>
        <translation>, inaktiv</translation>
    </message>
    <message>
        <source>%1 is a Wi-Fi link: most access points drop frames from addresses that did not join them, so containers here will likely get no traffic.</source>
        <translation>%1 ist eine WLAN-Verbindung: die meisten Access Points verwerfen Rahmen von Adressen, die sich nicht bei ihnen angemeldet haben, daher bekommen Container hier wahrscheinlich keinen Verkehr.</translation>
    </message>
    <message>
        <source>Containers get macvlans on %1: they reach the network, but this computer cannot reach them through %1.</source>
        <translation>Container erhalten Macvlans auf %1: sie erreichen das Netzwerk, aber dieser Computer erreicht sie nicht über %1.</translation>
    </message>
    <message>
        <source>%1 has no network card among its ports: containers on it reach this computer and what else is on the bridge, not your network.</source>
        <translation>%1 hat keine Netzwerkkarte unter seinen Ports: Container daran erreichen diesen Computer und was sonst an der Bridge hängt, nicht Ihr Netzwerk.</translation>
    </message>
</context>
<context>
    <name>cubby::NetworkWizard</name>
    <message>
        <source>New Network</source>
        <translation>Neues Netzwerk</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Could not create the network</source>
        <translation>Das Netzwerk konnte nicht erstellt werden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Could not read the new network back</source>
        <translation>Das neue Netzwerk konnte nicht zurückgelesen werden</translation>
    </message>
    <message>
        <source>The stored network does not read back: %1</source>
        <translation>Das gespeicherte Netzwerk lässt sich nicht zurücklesen: %1</translation>
    </message>
    <message>
        <source>Could not start the network</source>
        <translation>Das Netzwerk konnte nicht gestartet werden</translation>
    </message>
    <message>
        <source>Could not mark the network to start at boot</source>
        <translation>Das Netzwerk konnte nicht für den Start beim Booten markiert werden</translation>
    </message>
    <message>
        <source>%1
The network “%2” was created and runs.</source>
        <translation>%1
Das Netzwerk „%2“ wurde erstellt und läuft.</translation>
    </message>
    <message>
        <source>%1
Undoing the definition failed too: %2</source>
        <translation>%1
Auch das Rückgängigmachen der Definition ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>NAT</source>
        <translation>NAT</translation>
    </message>
    <message>
        <source>routed</source>
        <translation>geroutet</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>isolated</source>
        <translation>isoliert</translation>
    </message>
    <message>
        <source>on the LAN</source>
        <translation>im LAN</translation>
    </message>
    <message>
        <source>The port forwards or DNS hosts do not fit the chosen subnet: %1</source>
        <translation>Die Portweiterleitungen oder DNS-Hosts passen nicht zum gewählten Subnetz: %1</translation>
    </message>
    <message>
        <source>Could not add the port forwards and DNS hosts</source>
        <translation>Die Portweiterleitungen und DNS-Hosts konnten nicht hinzugefügt werden</translation>
    </message>
</context>
<context>
    <name>cubby::NetworksPanel</name>
    <message>
        <source>Network running</source>
        <translation>Netzwerk läuft</translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation>Bridge</translation>
    </message>
    <message>
        <source>Gateway address</source>
        <translation>Gateway-Adresse</translation>
    </message>
    <message>
        <source>Subnet free</source>
        <translation>Subnetz frei</translation>
    </message>
    <message>
        <source>IP forwarding</source>
        <translation>IP-Weiterleitung</translation>
    </message>
    <message>
        <source>NAT rules</source>
        <translation>NAT-Regeln</translation>
    </message>
    <message>
        <source>Other firewalls</source>
        <translation>Andere Firewalls</translation>
    </message>
    <message>
        <source>Uplink</source>
        <translation>Uplink</translation>
    </message>
    <message>
        <source>DHCP/DNS server</source>
        <translation>DHCP/DNS-Server</translation>
    </message>
    <message>
        <source>DNS answers</source>
        <translation>DNS-Antworten</translation>
    </message>
    <message>
        <source>Upstream DNS</source>
        <translation>Upstream-DNS</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Hop</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>What Cubby found</source>
        <translation>Was Cubby festgestellt hat</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>D&amp;iagnose</source>
        <translation>D&amp;iagnose</translation>
    </message>
    <message>
        <source>&amp;New Network…</source>
        <translation>&amp;Neues Netzwerk…</translation>
    </message>
    <message>
        <source>Why can containers on this network not reach the internet?</source>
        <translation>Warum erreichen Container in diesem Netzwerk das Internet nicht?</translation>
    </message>
    <message>
        <source>Could not start the network</source>
        <translation>Das Netzwerk konnte nicht gestartet werden</translation>
    </message>
    <message>
        <source>Could not stop the network</source>
        <translation>Das Netzwerk konnte nicht gestoppt werden</translation>
    </message>
    <message>
        <source>Could not list the networks: %1</source>
        <translation>Die Netzwerke konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>Stop the network before deleting it</source>
        <translation>Stoppen Sie das Netzwerk, bevor Sie es löschen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Delete Network</source>
        <translation>Netzwerk löschen</translation>
    </message>
    <message>
        <source>Delete the network “%1”? Its definition is removed; containers that use it cannot start until they are moved to another network.</source>
        <translation>Das Netzwerk „%1“ löschen? Seine Definition wird entfernt; Container, die es nutzen, können erst wieder starten, wenn sie einem anderen Netzwerk zugeordnet sind.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Could not delete the network</source>
        <translation>Das Netzwerk konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Diagnosing “%1”…</source>
        <translation>„%1“ wird diagnostiziert…</translation>
    </message>
    <message>
        <source>Could not diagnose “%1”.</source>
        <translation>„%1“ konnte nicht diagnostiziert werden.</translation>
    </message>
    <message>
        <source>Could not diagnose the network: %1</source>
        <translation>Das Netzwerk konnte nicht diagnostiziert werden: %1</translation>
    </message>
    <message>
        <source>Containers cannot reach the internet? Select their network and press Diagnose: every hop their packets take is checked.</source>
        <translation>Container erreichen das Internet nicht? Wählen Sie ihr Netzwerk aus und klicken Sie auf „Diagnose“: Jede Station auf dem Weg ihrer Pakete wird geprüft.</translation>
    </message>
    <message numerus="yes">
        <source>“%1”: %n hop(s) fail — the first one is where packets stop.</source>
        <translation>
            <numerusform>„%1“: %n Station schlägt fehl — dort bleiben die Pakete stecken.</numerusform>
            <numerusform>„%1“: %n Stationen schlagen fehl — an der ersten bleiben die Pakete stecken.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1”: every hop works, %n with a warning.</source>
        <translation>
            <numerusform>„%1“: Alle Stationen funktionieren, %n davon mit Warnung.</numerusform>
            <numerusform>„%1“: Alle Stationen funktionieren, %n davon mit Warnung.</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1”: every hop works.</source>
        <translation>„%1“: Alle Stationen funktionieren.</translation>
    </message>
</context>
<context>
    <name>cubby::OverviewPage</name>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>ID:</source>
        <translation>ID:</translation>
    </message>
    <message>
        <source>UUID:</source>
        <translation>UUID:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Speicher:</translation>
    </message>
    <message>
        <source>CPU time:</source>
        <translation>CPU-Zeit:</translation>
    </message>
    <message>
        <source>Autostart:</source>
        <translation>Autostart:</translation>
    </message>
    <message>
        <source>Console:</source>
        <translation>Konsole:</translation>
    </message>
    <message>
        <source>waiting for data</source>
        <translation>warte auf Daten</translation>
    </message>
    <message>
        <source>No container selected</source>
        <translation>Kein Container ausgewählt</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source>%1 used of %2</source>
        <translation>%1 von %2 belegt</translation>
    </message>
    <message>
        <source>limit %1</source>
        <translation>Limit %1</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>läuft nicht</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 used</source>
        <translation>%1 belegt</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>cubby::PortForwardsPage</name>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Port forwards</source>
        <translation>Portweiterleitungen</translation>
    </message>
    <message>
        <source>Optional: ports of this computer that lead to a container.</source>
        <translation>Optional: Ports dieses Computers, die zu einem Container führen.</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Host port</source>
        <translation>Host-Port</translation>
    </message>
    <message>
        <source>Container address</source>
        <translation>Container-Adresse</translation>
    </message>
    <message>
        <source>Container port</source>
        <translation>Container-Port</translation>
    </message>
    <message>
        <source>Only NAT networks forward ports: leave this empty.</source>
        <translation>Nur NAT-Netzwerke leiten Ports weiter: Lassen Sie dies leer.</translation>
    </message>
    <message>
        <source>The subnet is chosen when the network is created, so give the container&apos;s host number, e.g. .10 for the tenth address.</source>
        <translation>Das Subnetz wird beim Erstellen des Netzwerks gewählt; geben Sie daher die Hostnummer des Containers an, z. B. .10 für die zehnte Adresse.</translation>
    </message>
    <message>
        <source>Give the container&apos;s address in %1, or its host number (.10).</source>
        <translation>Geben Sie die Adresse des Containers in %1 oder seine Hostnummer (.10) an.</translation>
    </message>
</context>
<context>
    <name>cubby::ReachPage</name>
    <message>
        <source>IPv6 &amp;too</source>
        <translation>Auch IPv&amp;6</translation>
    </message>
    <message>
        <source>Containers may use &amp;services on this computer</source>
        <translation>Container dürfen &amp;Dienste dieses Computers nutzen</translation>
    </message>
    <message>
        <source>Containers may reach the &amp;local network</source>
        <translation>Container dürfen das &amp;lokale Netz erreichen</translation>
    </message>
    <message>
        <source>IPv6 and walls</source>
        <translation>IPv6 und Schranken</translation>
    </message>
    <message>
        <source>Which protocols the containers speak, and what they may reach.</source>
        <translation>Welche Protokolle die Container sprechen und was sie erreichen dürfen.</translation>
    </message>
    <message>
        <source>a /64 chosen for you</source>
        <translation>ein für Sie gewähltes /64</translation>
    </message>
    <message>
        <source>IPv6 prefix</source>
        <translation>IPv6-Präfix</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>MTU</source>
        <translation>MTU</translation>
    </message>
    <message>
        <source>Off, they reach only its DHCP, DNS and ping, so a container cannot probe what listens on your computer.</source>
        <translation>Aus, erreichen sie nur DHCP, DNS und Ping: So kann kein Container ausforschen, was auf Ihrem Computer lauscht.</translation>
    </message>
    <message>
        <source>Off, they reach the internet only: not your printer, your NAS or your router&apos;s settings page.</source>
        <translation>Aus, erreichen sie nur das Internet: nicht Ihren Drucker, Ihr NAS oder die Einstellungsseite Ihres Routers.</translation>
    </message>
    <message>
        <source>&amp;MTU:</source>
        <translation>&amp;MTU:</translation>
    </message>
    <message>
        <source>Leave it empty unless a VPN or your link needs smaller packets.</source>
        <translation>Leer lassen, außer ein VPN oder Ihre Verbindung braucht kleinere Pakete.</translation>
    </message>
    <message>
        <source>Containers make IPv6 addresses of their own from this network&apos;s router advertisements and reach the IPv6 internet through this computer; left empty, a private /64 is chosen where this computer has IPv6.</source>
        <translation>Container bilden eigene IPv6-Adressen aus den Router-Ankündigungen dieses Netzes und erreichen das IPv6-Internet über diesen Computer; leer gelassen, wird ein privates /64 gewählt, wo dieser Computer IPv6 hat.</translation>
    </message>
    <message>
        <source>Containers make IPv6 addresses of their own in the /64 you type here; without one this network has no IPv6.</source>
        <translation>Container bilden eigene IPv6-Adressen in dem /64, das Sie hier eingeben; ohne eines hat dieses Netz kein IPv6.</translation>
    </message>
</context>
<context>
    <name>cubby::RemoteAuthAgent</name>
    <message>
        <source>the other machine has no pkttyagent (Debian&apos;s polkitd package)</source>
        <translation>der andere Rechner hat kein pkttyagent (Debians Paket polkitd)</translation>
    </message>
</context>
<context>
    <name>cubby::RemoteStream</name>
    <message>
        <source>ssh ended with status %1</source>
        <translation>ssh endete mit Status %1</translation>
    </message>
</context>
<context>
    <name>cubby::RootfsPage</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>Durch&amp;suchen…</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Durchsuc&amp;hen…</translation>
    </message>
    <message>
        <source>Root Filesystem</source>
        <translation>Root-Dateisystem</translation>
    </message>
    <message>
        <source>The files the container sees as its own, and the program it starts.</source>
        <translation>Die Dateien, die der Container als seine eigenen sieht, und das Programm, das er startet.</translation>
    </message>
    <message>
        <source>Minimal &amp;BusyBox system</source>
        <translation>Minimales &amp;BusyBox-System</translation>
    </message>
    <message>
        <source>&amp;Debian (downloaded with mmdebstrap)</source>
        <translation>&amp;Debian (mit mmdebstrap heruntergeladen)</translation>
    </message>
    <message>
        <source>Root filesystem &amp;tarball</source>
        <translation>Root-Dateisystem als &amp;Tar-Archiv</translation>
    </message>
    <message>
        <source>E&amp;xisting directory</source>
        <translation>&amp;Vorhandenes Verzeichnis</translation>
    </message>
    <message>
        <source>&amp;Application container (shares the host&apos;s files)</source>
        <translation>&amp;Anwendungscontainer (nutzt die Dateien des Hosts mit)</translation>
    </message>
    <message>
        <source>extra packages, e.g. iproute2 openssh-server</source>
        <translation>zusätzliche Pakete, z. B. iproute2 openssh-server</translation>
    </message>
    <message>
        <source>Root filesystem archive</source>
        <translation>Root-Dateisystem-Archiv</translation>
    </message>
    <message>
        <source>a .tar, .tar.gz, .tar.xz, .tar.zst… file</source>
        <translation>eine Datei: .tar, .tar.gz, .tar.xz, .tar.zst…</translation>
    </message>
    <message>
        <source>Root directory</source>
        <translation>Root-Verzeichnis</translation>
    </message>
    <message>
        <source>a directory holding a whole system</source>
        <translation>ein Verzeichnis mit einem vollständigen System</translation>
    </message>
    <message>
        <source>Suite:</source>
        <translation>Suite:</translation>
    </message>
    <message>
        <source>Packages:</source>
        <translation>Pakete:</translation>
    </message>
    <message>
        <source>&amp;Init program:</source>
        <translation>&amp;Init-Programm:</translation>
    </message>
    <message>
        <source>BusyBox init runs a root shell on the console and asks for an address by DHCP.</source>
        <translation>BusyBox-Init startet eine root-Shell auf der Konsole und fordert per DHCP eine Adresse an.</translation>
    </message>
    <message>
        <source>The program must exist inside the root filesystem.</source>
        <translation>Das Programm muss im Root-Dateisystem vorhanden sein.</translation>
    </message>
    <message>
        <source>The program runs with the host&apos;s files (its /tmp is private); nothing is copied.</source>
        <translation>Das Programm läuft mit den Dateien des Hosts (sein /tmp ist privat); nichts wird kopiert.</translation>
    </message>
    <message>
        <source>Choose the Root Directory</source>
        <translation>Root-Verzeichnis auswählen</translation>
    </message>
    <message>
        <source>Choose a Root Filesystem Archive</source>
        <translation>Root-Dateisystem-Archiv auswählen</translation>
    </message>
    <message>
        <source>Archives (*.tar *.tar.gz *.tgz *.tar.xz *.tar.zst *.tar.bz2 *.tar.lz4 *.cpio *.cpio.gz)</source>
        <translation>Archive (*.tar *.tar.gz *.tgz *.tar.xz *.tar.zst *.tar.bz2 *.tar.lz4 *.cpio *.cpio.gz)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <source>not in a wizard</source>
        <translation>nicht in einem Assistenten</translation>
    </message>
    <message>
        <source>A root filesystem named “%1” exists already (%2): choose “Existing directory” with that path, or go back and pick another name.</source>
        <translation>Ein Root-Dateisystem namens „%1“ existiert bereits (%2): Wählen Sie „Vorhandenes Verzeichnis“ mit diesem Pfad, oder gehen Sie zurück und wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>&amp;Minimal: no init system, bash on the console</source>
        <translation>&amp;Minimal: kein Init-System, bash auf der Konsole</translation>
    </message>
    <message>
        <source>Without it, Debian boots systemd: networking by DHCP, a journal, logins, and root logged in on the console</source>
        <translation>Ohne dies startet Debian systemd: Netzwerk per DHCP, ein Journal, Anmeldungen und root auf der Konsole angemeldet</translation>
    </message>
    <message>
        <source>A minimal Debian has no init system: bash runs on the console.</source>
        <translation>Ein minimales Debian hat kein Init-System: bash läuft auf der Konsole.</translation>
    </message>
    <message>
        <source>Debian boots systemd: the console shows its start and logs root in; networking comes by DHCP.</source>
        <translation>Debian startet systemd: Die Konsole zeigt den Start und meldet root an; das Netzwerk kommt per DHCP.</translation>
    </message>
    <message>
        <source>Root, logged in by itself</source>
        <translation>root, von selbst angemeldet</translation>
    </message>
    <message>
        <source>Root, with a password</source>
        <translation>root, mit Passwort</translation>
    </message>
    <message>
        <source>A user with sudo, with a password</source>
        <translation>Ein Benutzer mit sudo, mit Passwort</translation>
    </message>
    <message>
        <source>Who logs in on the console. Whoever may open the console (polkit asks) gets a root shell when root is logged in by itself.</source>
        <translation>Wer sich auf der Konsole anmeldet. Ist root von selbst angemeldet, bekommt jeder, der die Konsole öffnen darf (polkit fragt), eine root-Shell.</translation>
    </message>
    <message>
        <source>e.g. alice</source>
        <translation>z. B. alice</translation>
    </message>
    <message>
        <source>Hashed here; only the hash goes to the new system.</source>
        <translation>Wird hier gehasht; nur der Hash gelangt ins neue System.</translation>
    </message>
    <message>
        <source>&amp;Console login:</source>
        <translation>&amp;Konsolen-Anmeldung:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Benutzer&amp;name:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>Passwort &amp;wiederholen:</translation>
    </message>
    <message>
        <source>User name: choose a name for the new user.</source>
        <translation>Benutzername: Wählen Sie einen Namen für den neuen Benutzer.</translation>
    </message>
    <message>
        <source>User name: lower-case letters, digits, “_” and “-”, starting with a letter, at most 32, and not a system account such as root or daemon.</source>
        <translation>Benutzername: Kleinbuchstaben, Ziffern, „_“ und „-“, mit einem Buchstaben am Anfang, höchstens 32, und kein Systemkonto wie root oder daemon.</translation>
    </message>
    <message>
        <source>Password: choose a password.</source>
        <translation>Passwort: Wählen Sie ein Passwort.</translation>
    </message>
    <message>
        <source>Password: a password cannot hold a line break.</source>
        <translation>Passwort: Ein Passwort darf keinen Zeilenumbruch enthalten.</translation>
    </message>
    <message>
        <source>Password: the two entries differ.</source>
        <translation>Passwort: Die beiden Eingaben stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Debian boots systemd: the console shows its start and a login prompt; networking comes by DHCP.</source>
        <translation>Debian startet systemd: Die Konsole zeigt den Start und eine Anmeldung; das Netzwerk kommt per DHCP.</translation>
    </message>
    <message>
        <source>Image from a &amp;server (Alpine, Ubuntu, Fedora, Arch, …)</source>
        <translation>Image von einem Se&amp;rver (Alpine, Ubuntu, Fedora, Arch, …)</translation>
    </message>
</context>
<context>
    <name>cubby::SettingsPage</name>
    <message>
        <source>&amp;Limit to</source>
        <translation>&amp;Begrenzen auf</translation>
    </message>
    <message>
        <source>after a restart</source>
        <translation>nach einem Neustart</translation>
    </message>
    <message>
        <source>Start when the &amp;computer starts</source>
        <translation>Beim Start des &amp;Computers starten</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Übernehmen</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source> CPUs</source>
        <translation> CPUs</translation>
    </message>
    <message>
        <source>CPU limit</source>
        <translation>CPU-Grenze</translation>
    </message>
    <message>
        <source>CPU weight</source>
        <translation>CPU-Gewichtung</translation>
    </message>
    <message>
        <source>Its share of the CPUs against other containers when they are busy; 1024 is the default</source>
        <translation>Sein Anteil an den CPUs gegenüber anderen Containern, wenn diese ausgelastet sind; Standard ist 1024</translation>
    </message>
    <message>
        <source>Init program</source>
        <translation>Init-Programm</translation>
    </message>
    <message>
        <source>Switched at once</source>
        <translation>Wird sofort umgeschaltet</translation>
    </message>
    <message>
        <source>&amp;Memory:</source>
        <translation>&amp;Speicher:</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>CPU:</translation>
    </message>
    <message>
        <source>CPU &amp;weight:</source>
        <translation>CPU-&amp;Gewichtung:</translation>
    </message>
    <message>
        <source>&amp;Init:</source>
        <translation>&amp;Init:</translation>
    </message>
    <message>
        <source>Select a container to change its settings.</source>
        <translation>Wählen Sie einen Container, um seine Einstellungen zu ändern.</translation>
    </message>
    <message>
        <source>Memory and CPU change at once while it runs.</source>
        <translation>Speicher und CPU ändern sich sofort, während er läuft.</translation>
    </message>
    <message>
        <source>The stored settings.</source>
        <translation>Die gespeicherten Einstellungen.</translation>
    </message>
    <message>
        <source>The init program is a path inside the container, starting with /.</source>
        <translation>Das Init-Programm ist ein Pfad im Container, der mit / beginnt.</translation>
    </message>
    <message>
        <source>Apply saves the settings for the next start.</source>
        <translation>„Übernehmen“ speichert die Einstellungen für den nächsten Start.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>Saved: it takes these settings when it next starts.</source>
        <translation>Gespeichert: Sie gelten ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Saved for the next start, but the running container kept its limits: %1</source>
        <translation>Für den nächsten Start gespeichert, aber der laufende Container behielt seine Grenzen: %1</translation>
    </message>
    <message>
        <source>Saved. Memory and CPU changed at once; the rest takes effect after a restart.</source>
        <translation>Gespeichert. Speicher und CPU wurden sofort geändert; der Rest gilt nach einem Neustart.</translation>
    </message>
    <message>
        <source>Saved and changed at once.</source>
        <translation>Gespeichert und sofort geändert.</translation>
    </message>
    <message>
        <source>It starts when the computer starts.</source>
        <translation>Er startet, wenn der Computer startet.</translation>
    </message>
    <message>
        <source>It no longer starts with the computer.</source>
        <translation>Er startet nicht mehr mit dem Computer.</translation>
    </message>
    <message>
        <source>Process limit</source>
        <translation>Prozessgrenze</translation>
    </message>
    <message>
        <source>At most this many processes and threads run inside; %1 is the default</source>
        <translation>Höchstens so viele Prozesse und Threads laufen darin; %1 ist die Vorgabe</translation>
    </message>
    <message>
        <source>&amp;Processes:</source>
        <translation>&amp;Prozesse:</translation>
    </message>
    <message>
        <source>A&amp;dd Folder…</source>
        <translation>Ordner &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>R&amp;emove</source>
        <translation>E&amp;ntfernen</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Nur lesen</translation>
    </message>
    <message>
        <source>Shared folders</source>
        <translation>Geteilte Ordner</translation>
    </message>
    <message>
        <source>Share a folder of this computer with the container; a folder of your home needs no administrator</source>
        <translation>Einen Ordner dieses Computers mit dem Container teilen; ein Ordner in Ihrem Home-Verzeichnis braucht keinen Administrator</translation>
    </message>
    <message>
        <source>The next folder added is read-only inside</source>
        <translation>Der nächste hinzugefügte Ordner ist darin nur lesbar</translation>
    </message>
    <message>
        <source>&amp;Folders:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>%1 → %2 (read-only)</source>
        <translation>%1 → %2 (nur lesen)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Share a Folder</source>
        <translation>Ordner teilen</translation>
    </message>
    <message>
        <source>&amp;Network:</source>
        <translation>Net&amp;zwerk:</translation>
    </message>
    <message>
        <source>Apply changes memory and CPU at once; the rest after a restart.</source>
        <translation>„Übernehmen“ ändert Speicher und CPU sofort, den Rest nach einem Neustart.</translation>
    </message>
    <message>
        <source>Init arguments</source>
        <translation>Init-Argumente</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Separated by blanks; &quot;double quotes&quot; keep an argument with blanks whole, a backslash takes the next character as it is</source>
        <translation>Durch Leerzeichen getrennt; &quot;doppelte Anführungszeichen&quot; halten ein Argument mit Leerzeichen zusammen, ein Backslash nimmt das nächste Zeichen, wie es ist</translation>
    </message>
    <message>
        <source>Arg&amp;uments:</source>
        <translation>Argu&amp;mente:</translation>
    </message>
</context>
<context>
    <name>cubby::SnapshotsDialog</name>
    <message>
        <source>&amp;Take Snapshot…</source>
        <translation>Snapshot &amp;erstellen…</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Wiederherstellen…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Snapshots of “%1”</source>
        <translation>Snapshots von „%1“</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Snapshots</translation>
    </message>
    <message>
        <source>Keep a copy of the container&apos;s root filesystem as it is now</source>
        <translation>Eine Kopie des Root-Dateisystems des Containers im jetzigen Zustand aufbewahren</translation>
    </message>
    <message>
        <source>Put the selected snapshot in the place of the root filesystem; what changed since is lost</source>
        <translation>Den ausgewählten Snapshot an die Stelle des Root-Dateisystems setzen; was sich seitdem geändert hat, geht verloren</translation>
    </message>
    <message>
        <source>Remove the selected snapshot</source>
        <translation>Den ausgewählten Snapshot entfernen</translation>
    </message>
    <message>
        <source>Snapshots are copies of the stopped container&apos;s root filesystem, kept beside it: reflinks where the filesystem shares blocks, else a full copy.</source>
        <translation>Snapshots sind Kopien des Root-Dateisystems des gestoppten Containers, die daneben aufbewahrt werden: reflinks, wo das Dateisystem Blöcke gemeinsam nutzt, sonst eine vollständige Kopie.</translation>
    </message>
    <message>
        <source>Restore the snapshot “%1” of “%2”?</source>
        <translation>Den Snapshot „%1“ von „%2“ wiederherstellen?</translation>
    </message>
    <message>
        <source>The root filesystem is replaced by the snapshot; every change made since it was taken is lost.</source>
        <translation>Das Root-Dateisystem wird durch den Snapshot ersetzt; jede Änderung seit seiner Erstellung geht verloren.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Delete the snapshot “%1”?</source>
        <translation>Den Snapshot „%1“ löschen?</translation>
    </message>
    <message>
        <source>The container&apos;s root filesystem stays as it is.</source>
        <translation>Das Root-Dateisystem des Containers bleibt, wie es ist.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>The snapshots cannot be listed: %1</source>
        <translation>Die Snapshots können nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>No snapshots yet.</source>
        <translation>Noch keine Snapshots.</translation>
    </message>
    <message>
        <source>Take Snapshot</source>
        <translation>Snapshot erstellen</translation>
    </message>
    <message>
        <source>Name of the snapshot:</source>
        <translation>Name des Snapshots:</translation>
    </message>
    <message>
        <source>Taking the snapshot “%1”…</source>
        <translation>Snapshot „%1“ wird erstellt…</translation>
    </message>
    <message>
        <source>The snapshot “%1” could not be taken</source>
        <translation>Der Snapshot „%1“ konnte nicht erstellt werden</translation>
    </message>
    <message>
        <source>Restoring the snapshot “%1”…</source>
        <translation>Snapshot „%1“ wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>The snapshot “%1” could not be restored</source>
        <translation>Der Snapshot „%1“ konnte nicht wiederhergestellt werden</translation>
    </message>
    <message>
        <source>Deleting the snapshot “%1”…</source>
        <translation>Snapshot „%1“ wird gelöscht…</translation>
    </message>
    <message>
        <source>The snapshot “%1” could not be deleted</source>
        <translation>Der Snapshot „%1“ konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Fertig.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>cubby::SummaryPage</name>
    <message>
        <source>&amp;Start it now</source>
        <translation>Jetzt &amp;starten</translation>
    </message>
    <message>
        <source>Start at &amp;boot</source>
        <translation>Beim &amp;Booten starten</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Create the network with these settings?</source>
        <translation>Das Netzwerk mit diesen Einstellungen erstellen?</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation>Subnetz</translation>
    </message>
    <message>
        <source>a free private /24, chosen for you</source>
        <translation>ein freies privates /24, automatisch gewählt</translation>
    </message>
    <message>
        <source>DHCP</source>
        <translation>DHCP</translation>
    </message>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>DNS domain</source>
        <translation>DNS-Domain</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>port %1/%2 → container %3, port %4</source>
        <translation>Port %1/%2 → Container %3, Port %4</translation>
    </message>
    <message>
        <source>Port forwards</source>
        <translation>Portweiterleitungen</translation>
    </message>
    <message>
        <source>IPv6</source>
        <translation>IPv6</translation>
    </message>
    <message>
        <source>a private /64, where this computer has IPv6</source>
        <translation>ein privates /64, wo dieser Computer IPv6 hat</translation>
    </message>
    <message>
        <source>This computer&apos;s services</source>
        <translation>Dienste dieses Computers</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>erreichbar</translation>
    </message>
    <message>
        <source>only DHCP, DNS and ping</source>
        <translation>nur DHCP, DNS und Ping</translation>
    </message>
    <message>
        <source>Local network</source>
        <translation>Lokales Netz</translation>
    </message>
    <message>
        <source>walled off: internet only</source>
        <translation>abgeschirmt: nur Internet</translation>
    </message>
    <message>
        <source>MTU</source>
        <translation>MTU</translation>
    </message>
    <message>
        <source>%1, … (%2 in all)</source>
        <translation>%1, … (insgesamt %2)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1/%2 on %3, port %4</source>
        <translation>%1/%2 auf %3, Port %4</translation>
    </message>
    <message>
        <source>%1: “%2”</source>
        <translation>%1: „%2“</translation>
    </message>
    <message>
        <source>%1 answered here only</source>
        <translation>%1 nur hier beantwortet</translation>
    </message>
    <message>
        <source>%1 asked of %2</source>
        <translation>%1 bei %2 erfragt</translation>
    </message>
    <message>
        <source>DNS names</source>
        <translation>DNS-Namen</translation>
    </message>
    <message>
        <source>Containers join</source>
        <translation>Container kommen an</translation>
    </message>
    <message>
        <source>this computer&apos;s bridge %1</source>
        <translation>die Bridge %1 dieses Computers</translation>
    </message>
    <message>
        <source>macvlans on %1</source>
        <translation>Macvlans auf %1</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adressen</translation>
    </message>
    <message>
        <source>from your network&apos;s router</source>
        <translation>vom Router Ihres Netzwerks</translation>
    </message>
    <message>
        <source>Starting containers</source>
        <translation>Container starten</translation>
    </message>
    <message>
        <source>needs an administrator</source>
        <translation>erfordert einen Administrator</translation>
    </message>
</context>
<context>
    <name>cubby::XmlPage</name>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Übernehmen</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Definition (XML)</source>
        <translation>Definition (XML)</translation>
    </message>
    <message>
        <source>Redefine the container with this text</source>
        <translation>Den Container mit diesem Text neu definieren</translation>
    </message>
    <message>
        <source>Throw the edit away and show the stored definition</source>
        <translation>Die Änderung verwerfen und die gespeicherte Definition zeigen</translation>
    </message>
    <message>
        <source>Select a container to see its definition.</source>
        <translation>Wählen Sie einen Container, um seine Definition zu sehen.</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>Accepted, but not acted on: %1</source>
        <translation>Angenommen, aber ohne Wirkung: %1</translation>
    </message>
    <message>
        <source>Valid. Apply saves it; the running container takes it at its next start.</source>
        <translation>Gültig. „Übernehmen“ speichert sie; der laufende Container übernimmt sie beim nächsten Start.</translation>
    </message>
    <message>
        <source>Valid. Apply saves it.</source>
        <translation>Gültig. „Übernehmen“ speichert sie.</translation>
    </message>
    <message>
        <source>The stored definition. The running container may differ until its next start.</source>
        <translation>Die gespeicherte Definition. Der laufende Container kann bis zu seinem nächsten Start davon abweichen.</translation>
    </message>
    <message>
        <source>The stored definition.</source>
        <translation>Die gespeicherte Definition.</translation>
    </message>
    <message>
        <source>Saved. The running container takes it at its next start.</source>
        <translation>Gespeichert. Der laufende Container übernimmt sie beim nächsten Start.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Create and run Linux system containers.</source>
        <translation>Linux-System-Container erstellen und ausführen.</translation>
    </message>
    <message>
        <source>Run even as root (for tests; not recommended).</source>
        <translation>Auch als root ausführen (für Tests; nicht empfohlen).</translation>
    </message>
    <message>
        <source>cubby: refusing to run as root. Start Cubby as your own user: it asks for authorization (polkit) when an action needs it. (--allow-root overrides this.)</source>
        <translation>cubby: Ausführung als root wird verweigert. Starten Sie Cubby als Ihr eigener Benutzer: Es fragt nach einer Autorisierung (polkit), wenn eine Aktion sie erfordert. (--allow-root setzt dies außer Kraft.)</translation>
    </message>
    <message>
        <source>cubby: already running here; its window was raised.</source>
        <translation>cubby: läuft hier bereits; sein Fenster wurde in den Vordergrund geholt.</translation>
    </message>
</context>
</TS>

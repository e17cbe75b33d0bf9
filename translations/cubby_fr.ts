<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>cubby::AddressesPage</name>
    <message>
        <source>Choose a free private subnet for me</source>
        <translation>Choisir pour moi un sous-réseau privé libre</translation>
    </message>
    <message>
        <source>Use this subnet:</source>
        <translation>Utiliser ce sous-réseau&#xa0;:</translation>
    </message>
    <message>
        <source>Hand out addresses with DHCP</source>
        <translation>Distribuer les adresses par DHCP</translation>
    </message>
    <message>
        <source>An isolated network gets no subnet unless you type one: then containers need addresses of their own.</source>
        <translation>Un réseau isolé n&apos;a pas de sous-réseau à moins que vous en saisissiez un&#xa0;: les conteneurs ont alors besoin de leurs propres adresses.</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adresses</translation>
    </message>
    <message>
        <source>The containers&apos; IPv4 subnet, and how they get their addresses.</source>
        <translation>Le sous-réseau IPv4 des conteneurs, et la façon dont ils obtiennent leurs adresses.</translation>
    </message>
    <message>
        <source>e.g. 192.168.160.0/24</source>
        <translation>p. ex. 192.168.160.0/24</translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation>Sous-réseau</translation>
    </message>
    <message>
        <source>after the bridge</source>
        <translation>après le pont</translation>
    </message>
    <message>
        <source>First DHCP address</source>
        <translation>Première adresse DHCP</translation>
    </message>
    <message>
        <source>before broadcast</source>
        <translation>avant l&apos;adresse de diffusion</translation>
    </message>
    <message>
        <source>Last DHCP address</source>
        <translation>Dernière adresse DHCP</translation>
    </message>
    <message>
        <source>optional, e.g. lab.internal</source>
        <translation>facultatif, p. ex. lab.internal</translation>
    </message>
    <message>
        <source>A /24 that nothing on this computer or its networks uses. The bridge gets its address .1; DHCP hands out .2 to .254.</source>
        <translation>Un /24 que rien n&apos;utilise sur cet ordinateur ni sur ses réseaux. Le pont reçoit l&apos;adresse .1&#x202f;; le DHCP distribue de .2 à .254.</translation>
    </message>
    <message>
        <source>to</source>
        <translation>à</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>Plage&#xa0;:</translation>
    </message>
    <message>
        <source>DNS &amp;domain:</source>
        <translation>&amp;Domaine DNS&#xa0;:</translation>
    </message>
</context>
<context>
    <name>cubby::AuthAgent</name>
    <message numerus="yes">
        <source>The password was not accepted. Try again (%n attempt(s) left).</source>
        <translation>
            <numerusform>Le mot de passe n’a pas été accepté. Réessayez (encore %n essai).</numerusform>
            <numerusform>Le mot de passe n’a pas été accepté. Réessayez (encore %n essais).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cubby::AuthDialog</name>
    <message>
        <source>Container</source>
        <translation>Conteneur</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Opération</translation>
    </message>
    <message>
        <source>Why an administrator</source>
        <translation>Pourquoi un administrateur</translation>
    </message>
    <message>
        <source>Administrator (root)</source>
        <translation>Administrateur (root)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>A member of the group %1</source>
        <translation>Un membre du groupe %1</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>Authentication Required</source>
        <translation>Authentification requise</translation>
    </message>
    <message>
        <source>Authentication is needed to %1.</source>
        <translation>Une authentification est nécessaire pour %1.</translation>
    </message>
    <message>
        <source>Nothing is changed until the password is accepted. Cancel to leave things as they are.</source>
        <translation>Rien n’est modifié tant que le mot de passe n’est pas accepté. Annulez pour tout laisser en l’état.</translation>
    </message>
    <message>
        <source>Authenticate as</source>
        <translation>S’authentifier en tant que</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Détails</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Afficher les détails</translation>
    </message>
    <message>
        <source>&amp;Authenticate</source>
        <translation>&amp;Authentifier</translation>
    </message>
    <message>
        <source>Authenticate</source>
        <translation>Authentifier</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Authenticate as:</source>
        <translation>S’authentifier en tant que&#xa0;:</translation>
    </message>
    <message>
        <source>Action: %1</source>
        <translation>Action&#xa0;: %1</translation>
    </message>
    <message>
        <source>polkit says: %1</source>
        <translation>polkit indique&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
</context>
<context>
    <name>cubby::ConnectDialog</name>
    <message>
        <source>Connect to Host</source>
        <translation>Se connecter à un hôte</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>Cubby reaches the other machine&apos;s cubby-helper through SSH, with your SSH keys or agent, and shows its containers and networks beside this machine&apos;s. That machine&apos;s polkit decides what you may do there, as for the SSH user.</source>
        <translation>Cubby joint le cubby-helper de l’autre machine par SSH, avec vos clés SSH ou votre agent, et affiche ses conteneurs et ses réseaux à côté de ceux de cette machine-ci. Le polkit de cette machine-là décide de ce que vous pouvez y faire, comme pour l’utilisateur SSH.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse&#xa0;:</translation>
    </message>
    <message>
        <source>ssh://[USER@]HOST[:PORT]; the host key is checked as ssh checks it (~/.ssh/known_hosts).</source>
        <translation>ssh://[USER@]HOST[:PORT]&#x202f;; la clé d’hôte est vérifiée comme ssh la vérifie (~/.ssh/known_hosts).</translation>
    </message>
</context>
<context>
    <name>cubby::ContainerCreation</name>
    <message>
        <source>Using the root filesystem “%1” made before</source>
        <translation>Utilisation du système de fichiers racine «&#xa0;%1&#xa0;» créé auparavant</translation>
    </message>
    <message>
        <source>Importing the root filesystem…</source>
        <translation>Importation du système de fichiers racine…</translation>
    </message>
    <message>
        <source>Making the root filesystem…</source>
        <translation>Création du système de fichiers racine…</translation>
    </message>
    <message>
        <source>Waiting for cubby-helper…</source>
        <translation>En attente de cubby-helper…</translation>
    </message>
    <message>
        <source>The root filesystem could not be started: %1</source>
        <translation>La création du système de fichiers racine n&apos;a pas pu démarrer&#xa0;: %1</translation>
    </message>
    <message>
        <source>Reading the archive…</source>
        <translation>Lecture de l&apos;archive…</translation>
    </message>
    <message>
        <source>Started…</source>
        <translation>Démarré…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Root filesystem ready</source>
        <translation>Système de fichiers racine prêt</translation>
    </message>
    <message>
        <source>Cancelled: nothing was made.</source>
        <translation>Annulé&#xa0;: rien n&apos;a été créé.</translation>
    </message>
    <message>
        <source>Making the root filesystem failed: %1</source>
        <translation>La création du système de fichiers racine a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>Finding the root filesystem…</source>
        <translation>Recherche du système de fichiers racine…</translation>
    </message>
    <message>
        <source>Could not list the root filesystems: %1</source>
        <translation>Impossible de lister les systèmes de fichiers racine&#xa0;: %1</translation>
    </message>
    <message>
        <source>The root filesystem “%1” is not listed by cubby-helper</source>
        <translation>Le système de fichiers racine «&#xa0;%1&#xa0;» n&apos;est pas listé par cubby-helper</translation>
    </message>
    <message>
        <source>Defining the container…</source>
        <translation>Définition du conteneur…</translation>
    </message>
    <message>
        <source>The definition was refused: %1</source>
        <translation>La définition a été refusée&#xa0;: %1</translation>
    </message>
    <message>
        <source>“%1” was defined, but autostart could not be set: %2</source>
        <translation>«&#xa0;%1&#xa0;» a été défini, mais le démarrage automatique n&apos;a pas pu être activé&#xa0;: %2</translation>
    </message>
    <message>
        <source>Starting the container…</source>
        <translation>Démarrage du conteneur…</translation>
    </message>
    <message>
        <source>“%1” was defined, but it could not start: %2</source>
        <translation>«&#xa0;%1&#xa0;» a été défini, mais n&apos;a pas pu démarrer&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 of %2 MiB</source>
        <translation>%1 sur %2 Mio</translation>
    </message>
    <message>
        <source>Downloading %1…</source>
        <translation>Téléchargement de %1…</translation>
    </message>
    <message>
        <source>Reading from %1…</source>
        <translation>Lecture depuis %1…</translation>
    </message>
</context>
<context>
    <name>cubby::ContainerListModel</name>
    <message>
        <source>Privileged: root inside this container is root on this computer</source>
        <translation>Privilégié&#xa0;: root dans ce conteneur est root sur cet ordinateur</translation>
    </message>
    <message>
        <source>Unprivileged: root inside is an ordinary user on this computer</source>
        <translation>Non privilégié&#xa0;: root à l&apos;intérieur est un utilisateur ordinaire sur cet ordinateur</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1&#x202f;%</translation>
    </message>
    <message>
        <source>privileged</source>
        <translation>privilégié</translation>
    </message>
    <message>
        <source>unprivileged</source>
        <translation>non privilégié</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adresses</translation>
    </message>
    <message>
        <source>Autostart</source>
        <translation>Démarrage auto</translation>
    </message>
    <message>
        <source>running</source>
        <translation>en marche</translation>
    </message>
    <message>
        <source>shut off</source>
        <translation>arrêté</translation>
    </message>
</context>
<context>
    <name>cubby::ContainerSummary</name>
    <message>
        <source>a new minimal BusyBox system, “%1”</source>
        <translation>un nouveau système BusyBox minimal, «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>, with %1</source>
        <translation>, avec %1</translation>
    </message>
    <message>
        <source>“%1”, unpacked from %2</source>
        <translation>«&#xa0;%1&#xa0;», extrait de %2</translation>
    </message>
    <message>
        <source>the directory %1</source>
        <translation>le répertoire %1</translation>
    </message>
    <message>
        <source>none: the host&apos;s files are shared</source>
        <translation>aucun&#xa0;: les fichiers de l&apos;hôte sont partagés</translation>
    </message>
    <message>
        <source>none (only loopback)</source>
        <translation>aucun (boucle locale seulement)</translation>
    </message>
    <message>
        <source>the host&apos;s</source>
        <translation>celui de l&apos;hôte</translation>
    </message>
    <message>
        <source>the Cubby network “%1”</source>
        <translation>le réseau Cubby «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>the host bridge %1</source>
        <translation>le pont %1 de l&apos;hôte</translation>
    </message>
    <message>
        <source>at most %1 CPUs</source>
        <translation>au plus %1 CPU</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <source>, weight %1</source>
        <translation>, poids %1</translation>
    </message>
    <message>
        <source>The root filesystem is made first; this can take a while.</source>
        <translation>Le système de fichiers racine est créé d&apos;abord&#x202f;; cela peut prendre un moment.</translation>
    </message>
    <message>
        <source> The container starts when it is defined.</source>
        <translation> Le conteneur démarre dès qu&apos;il est défini.</translation>
    </message>
    <message>
        <source> It starts whenever the computer starts.</source>
        <translation> Il démarre à chaque démarrage de l&apos;ordinateur.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>%1 as %2%3</source>
        <translation>%1 monté sur %2%3</translation>
    </message>
    <message>
        <source>, read-only</source>
        <translation>, en lecture seule</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b02020&apos;&gt;&lt;b&gt;privileged&lt;/b&gt;: root inside is root on this computer&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b02020&apos;&gt;&lt;b&gt;privilégié&lt;/b&gt;&#xa0;: root à l&apos;intérieur est root sur cet ordinateur&lt;/span&gt;</translation>
    </message>
    <message>
        <source>unprivileged: root inside is an ordinary user here</source>
        <translation>non privilégié&#xa0;: root à l&apos;intérieur est ici un utilisateur ordinaire</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1&#xa0;Mio</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Root filesystem</source>
        <translation>Système de fichiers racine</translation>
    </message>
    <message>
        <source>Init</source>
        <translation>Init</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Shared folder</source>
        <translation>Dossier partagé</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>a new minimal Debian %1 system, “%2”</source>
        <translation>un nouveau système Debian %1 minimal, «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>a new Debian %1 system booting systemd, “%2”</source>
        <translation>un nouveau système Debian %1 démarrant systemd, «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>; root logged in on the console by itself</source>
        <translation>; root connecté d’office sur la console</translation>
    </message>
    <message>
        <source>; root logs in with the password chosen</source>
        <translation>; root se connecte avec le mot de passe choisi</translation>
    </message>
    <message>
        <source>; %1 logs in with the password chosen and may use sudo</source>
        <translation>; %1 se connecte avec le mot de passe choisi et peut utiliser sudo</translation>
    </message>
    <message>
        <source>“%1”, %2 (build %3) downloaded from %4 and checked</source>
        <translation>«&#xa0;%1&#xa0;», %2 (version %3) téléchargé depuis %4 et vérifié</translation>
    </message>
</context>
<context>
    <name>cubby::ContainerWizard</name>
    <message>
        <source>New Container</source>
        <translation>Nouveau conteneur</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Créer</translation>
    </message>
</context>
<context>
    <name>cubby::CreatePage</name>
    <message>
        <source>Cancel &amp;Job</source>
        <translation>Annuler la &amp;tâche</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Check what will be made, then press Create.</source>
        <translation>Vérifiez ce qui va être créé, puis cliquez sur Créer.</translation>
    </message>
    <message>
        <source>Stop making the root filesystem; nothing half-made is kept</source>
        <translation>Arrêter la création du système de fichiers racine&#x202f;; rien de ce qui est à moitié fait n&apos;est conservé</translation>
    </message>
    <message>
        <source>“%1” is ready.</source>
        <translation>«&#xa0;%1&#xa0;» est prêt.</translation>
    </message>
    <message>
        <source>
Go back to change the request, or press Create to try again.</source>
        <translation>
Revenez en arrière pour modifier la demande, ou cliquez sur Créer pour réessayer.</translation>
    </message>
</context>
<context>
    <name>cubby::DiskSettings</name>
    <message>
        <source>Default</source>
        <translation>Par défaut</translation>
    </message>
    <message>
        <source>I/O weight</source>
        <translation>Poids E/S</translation>
    </message>
    <message>
        <source>Its share of the disks against other containers when they are busy, 100–1000; where the host&apos;s disks have no weight control it is left out and the log says so</source>
        <translation>Sa part des disques face aux autres conteneurs quand ils sont occupés, 100–1000&#xa0;; là où les disques de l’hôte n’ont pas de contrôle de poids, il est omis et le journal l’indique</translation>
    </message>
    <message>
        <source>Disk</source>
        <translation>Disque</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sans limite</translation>
    </message>
    <message>
        <source> MiB/s</source>
        <translation> Mio/s</translation>
    </message>
    <message>
        <source>Read limit</source>
        <translation>Limite de lecture</translation>
    </message>
    <message>
        <source>Write limit</source>
        <translation>Limite d’écriture</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source> GiB</source>
        <translation> Gio</translation>
    </message>
    <message>
        <source>Disk quota</source>
        <translation>Quota disque</translation>
    </message>
    <message>
        <source>At most this much in its root filesystem; needs project quotas on that filesystem (ext4 with the project feature mounted prjquota, or XFS with pquota)</source>
        <translation>Au plus ceci dans son système de fichiers racine&#xa0;; demande des quotas de projet sur ce système de fichiers (ext4 avec la fonction project monté avec prjquota, ou XFS avec pquota)</translation>
    </message>
    <message>
        <source>&amp;Read:</source>
        <translation>&amp;Lecture&#xa0;:</translation>
    </message>
    <message>
        <source>Dis&amp;k I/O:</source>
        <translation>E/S &amp;disque&#xa0;:</translation>
    </message>
    <message>
        <source>Disk &amp;quota:</source>
        <translation>&amp;Quota disque&#xa0;:</translation>
    </message>
    <message>
        <source>after a restart</source>
        <translation>après un redémarrage</translation>
    </message>
    <message>
        <source>I/O wei&amp;ght:</source>
        <translation>Poi&amp;ds E/S&#xa0;:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>A disk quota is at least %1 MiB.</source>
        <translation>Un quota disque fait au moins %1 Mio.</translation>
    </message>
    <message>
        <source>Wri&amp;te:</source>
        <translation>É&amp;criture&#xa0;:</translation>
    </message>
</context>
<context>
    <name>cubby::DnsNamesPage</name>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>DNS names</source>
        <translation>Noms DNS</translation>
    </message>
    <message>
        <source>Optional: names this network&apos;s DNS server answers, and where it asks for other domains.</source>
        <translation>Facultatif&#xa0;: les noms auxquels répond le serveur DNS de ce réseau, et à qui il demande les autres domaines.</translation>
    </message>
    <message>
        <source>A name that answers with an address: a container&apos;s with a fixed address (.10 is the tenth of the subnet) or a machine&apos;s elsewhere.</source>
        <translation>Un nom qui répond par une adresse&#xa0;: celle d’un conteneur à adresse fixe (.10 est la dixième du sous-réseau) ou celle d’une machine ailleurs.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Tells programs that look a service up (LDAP, XMPP, SIP…) which host and port offer it.</source>
        <translation>Indique aux programmes qui cherchent un service (LDAP, XMPP, SIP…) quel hôte et quel port l’offrent.</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>A short text that a name answers with, e.g. a token that proves a domain is yours.</source>
        <translation>Un court texte par lequel un nom répond, p. ex. un jeton qui prouve qu’un domaine est à vous.</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Names in a domain are asked of its own server (your company&apos;s, over a VPN), or answered from this network&apos;s names only and never sent out.</source>
        <translation>Les noms d’un domaine sont demandés à son propre serveur (celui de votre entreprise, via un VPN), ou ce réseau y répond avec ses seuls noms, sans jamais les transmettre.</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domaine</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>Réponse par</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>a DNS server</source>
        <translation>un serveur DNS</translation>
    </message>
    <message>
        <source>this network only</source>
        <translation>ce réseau seul</translation>
    </message>
    <message>
        <source>This isolated network has no subnet, so no DNS server answers for it: leave this empty, or type a subnet on the Addresses page.</source>
        <translation>Ce réseau isolé n’a pas de sous-réseau, donc aucun serveur DNS ne répond pour lui&#xa0;: laissez ceci vide, ou saisissez un sous-réseau sur la page Adresses.</translation>
    </message>
    <message>
        <source>A host name without a dot answers as name.%1 too.</source>
        <translation>Un nom d’hôte sans point répond aussi sous la forme nom.%1.</translation>
    </message>
</context>
<context>
    <name>cubby::HelperConnection</name>
    <message>
        <source>no system bus: %1</source>
        <translation>pas de bus système&#xa0;: %1</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>Cet ordinateur</translation>
    </message>
    <message>
        <source>ssh ended</source>
        <translation>ssh s’est terminé</translation>
    </message>
    <message numerus="yes">
        <source>%1 (connecting again in %n s)</source>
        <translation>
            <numerusform>%1 (reconnexion dans %n&#xa0;s)</numerusform>
            <numerusform>%1 (reconnexion dans %n&#xa0;s)</numerusform>
        </translation>
    </message>
    <message>
        <source>not connected to %1</source>
        <translation>non connecté à %1</translation>
    </message>
    <message>
        <source>the connection is lost</source>
        <translation>la connexion est perdue</translation>
    </message>
</context>
<context>
    <name>cubby::HelperErrors</name>
    <message>
        <source>do that</source>
        <translation>faire cela</translation>
    </message>
    <message>
        <source>Nothing was changed: the authentication to %1 was cancelled or did not succeed.</source>
        <translation>Rien n’a été modifié&#xa0;: l’authentification pour %1 a été annulée ou a échoué.</translation>
    </message>
    <message>
        <source>Nothing was changed: you may not %1 on this computer. An administrator can allow it.</source>
        <translation>Rien n’a été modifié&#xa0;: vous n’êtes pas autorisé à %1 sur cet ordinateur. Un administrateur peut l’autoriser.</translation>
    </message>
    <message>
        <source>Cubby&apos;s system service (cubby-helper) cannot be reached: %1</source>
        <translation>Le service système de Cubby (cubby-helper) est injoignable&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cubby&apos;s system service did not answer in time: %1</source>
        <translation>Le service système de Cubby n’a pas répondu à temps&#xa0;: %1</translation>
    </message>
    <message>
        <source>The system bus does not let this app talk to Cubby&apos;s system service: %1</source>
        <translation>Le bus système ne permet pas à cette application de parler au service système de Cubby&#xa0;: %1</translation>
    </message>
    <message>
        <source>see the containers and networks here</source>
        <translation>voir les conteneurs et les réseaux d’ici</translation>
    </message>
    <message>
        <source>change containers</source>
        <translation>modifier des conteneurs</translation>
    </message>
    <message>
        <source>change your own containers</source>
        <translation>modifier vos propres conteneurs</translation>
    </message>
    <message>
        <source>use a container&apos;s console or shell</source>
        <translation>utiliser la console ou le shell d’un conteneur</translation>
    </message>
    <message>
        <source>change networks</source>
        <translation>modifier des réseaux</translation>
    </message>
    <message>
        <source>Not accepted, nothing was changed: %1</source>
        <translation>Refusé, rien n’a été modifié&#xa0;: %1</translation>
    </message>
    <message>
        <source>It does not exist (any more): %1</source>
        <translation>N’existe pas (ou plus)&#xa0;: %1</translation>
    </message>
    <message>
        <source>The name is taken: %1</source>
        <translation>Ce nom est déjà pris&#xa0;: %1</translation>
    </message>
    <message>
        <source>It clashes with what is there, nothing was changed: %1</source>
        <translation>En conflit avec l’existant, rien n’a été modifié&#xa0;: %1</translation>
    </message>
    <message>
        <source>This computer cannot do that: %1</source>
        <translation>Cet ordinateur ne sait pas faire cela&#xa0;: %1</translation>
    </message>
    <message>
        <source>It failed: %1</source>
        <translation>Échec&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>cubby::HostSection</name>
    <message>
        <source>Containers on %1</source>
        <translation>Conteneurs sur %1</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>Conteneurs</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Reconnecter</translation>
    </message>
    <message>
        <source>Connect to %1 again now</source>
        <translation>Se reconnecter à %1 maintenant</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Déconnecter</translation>
    </message>
    <message>
        <source>Close the connection to %1</source>
        <translation>Fermer la connexion à %1</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connecté</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>connexion en cours…</translation>
    </message>
    <message>
        <source>not reachable: %1</source>
        <translation>injoignable&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>cubby::ImageCatalogue</name>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>cubby::ImageChooser</name>
    <message>
        <source>&amp;Load List</source>
        <translation>Charger la lis&amp;te</translation>
    </message>
    <message>
        <source>Image server</source>
        <translation>Serveur d’images</translation>
    </message>
    <message>
        <source>A simplestreams server over https (or http on this computer)</source>
        <translation>Un serveur simplestreams en https (ou en http sur cet ordinateur)</translation>
    </message>
    <message>
        <source>Search, e.g. alpine or ubuntu/noble</source>
        <translation>Rechercher, p. ex. alpine ou ubuntu/noble</translation>
    </message>
    <message>
        <source>Search images</source>
        <translation>Rechercher des images</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Images</translation>
    </message>
    <message>
        <source>Loading the list from %1…</source>
        <translation>Chargement de la liste depuis %1…</translation>
    </message>
    <message>
        <source>%1 — %2, build %3, %4 MiB</source>
        <translation>%1 — %2, version %3, %4 Mio</translation>
    </message>
    <message>
        <source>The server offers no container images for %1.</source>
        <translation>Le serveur ne propose aucune image de conteneur pour %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) for %1; downloaded here, checked against the server&apos;s checksum and kept for the next time.</source>
        <translation>
            <numerusform>%n image pour %1&#xa0;; téléchargée ici, vérifiée avec la somme de contrôle du serveur et conservée pour la prochaine fois.</numerusform>
            <numerusform>%n images pour %1&#xa0;; téléchargées ici, vérifiées avec la somme de contrôle du serveur et conservées pour la prochaine fois.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cubby::ImageDownload</name>
    <message>
        <source>Cannot make %1</source>
        <translation>Impossible de créer %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot download %1: %2</source>
        <translation>Impossible de télécharger %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>The download of %1 does not match the image server&apos;s checksum; it was not used and nothing was kept.</source>
        <translation>Le téléchargement de %1 ne correspond pas à la somme de contrôle du serveur d’images&#xa0;; il n’a pas été utilisé et rien n’a été conservé.</translation>
    </message>
    <message>
        <source>Cannot keep %1: %2</source>
        <translation>Impossible de conserver %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>cubby::InterfaceSettings</name>
    <message>
        <source>Network interfaces</source>
        <translation>Interfaces réseau</translation>
    </message>
    <message>
        <source>Network for a new interface</source>
        <translation>Réseau d’une nouvelle interface</translation>
    </message>
    <message>
        <source>A new interface on the chosen Cubby network</source>
        <translation>Une nouvelle interface sur le réseau Cubby choisi</translation>
    </message>
    <message>
        <source>Remove interface</source>
        <translation>Supprimer l’interface</translation>
    </message>
    <message>
        <source>after a restart</source>
        <translation>après un redémarrage</translation>
    </message>
    <message>
        <source>%1: network %2</source>
        <translation>%1&#xa0;: réseau %2</translation>
    </message>
    <message>
        <source>%1: host bridge %2</source>
        <translation>%1&#xa0;: pont de l’hôte %2</translation>
    </message>
    <message>
        <source>%1: macvlan on %2</source>
        <translation>%1&#xa0;: macvlan sur %2</translation>
    </message>
    <message>
        <source>None: only loopback</source>
        <translation>Aucune&#xa0;: seulement loopback</translation>
    </message>
    <message>
        <source>None: the host&apos;s network</source>
        <translation>Aucune&#xa0;: le réseau de l’hôte</translation>
    </message>
    <message>
        <source>Add Interface</source>
        <translation>Ajouter une interface</translation>
    </message>
    <message>
        <source>Rem&amp;ove</source>
        <translation>Supprimer l’inter&amp;face</translation>
    </message>
    <message>
        <source>No networks</source>
        <translation>Aucun réseau</translation>
    </message>
    <message>
        <source>These add to the walls of its networks; DHCP, DNS and ping still work.</source>
        <translation>Ces murs s’ajoutent à ceux de ses réseaux ; DHCP, DNS et ping fonctionnent toujours.</translation>
    </message>
    <message>
        <source>Walls hold on Cubby networks only, not on a host bridge</source>
        <translation>Les murs ne valent que sur les réseaux Cubby, pas sur un pont de l’hôte</translation>
    </message>
    <message>
        <source>Keep it from &amp;services on this computer</source>
        <translation>Tenir à l’écart des ser&amp;vices de cet ordinateur</translation>
    </message>
    <message>
        <source>Keep it off t&amp;he local network (internet only)</source>
        <translation>Tenir à l’écart du réseau local (internet &amp;seulement)</translation>
    </message>
    <message>
        <source>Walls hold on Cubby networks: add an interface on one first</source>
        <translation>Les murs valent sur les réseaux Cubby : ajoutez d’abord une interface sur l’un d’eux</translation>
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
        <translation>%1 %2&#xa0;: %3</translation>
    </message>
    <message numerus="yes">
        <source> (+%n more)</source>
        <translation>
            <numerusform> (+%n autre)</numerusform>
            <numerusform> (+%n autres)</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel this job: what it made so far is removed</source>
        <translation>Annuler cette tâche&#xa0;: ce qu’elle a créé jusqu’ici est supprimé</translation>
    </message>
    <message>
        <source>Cancel the job</source>
        <translation>Annuler la tâche</translation>
    </message>
</context>
<context>
    <name>cubby::MainWindow</name>
    <message>
        <source>Starting %1…</source>
        <translation>Démarrage de %1…</translation>
    </message>
    <message>
        <source>Could not start “%1”</source>
        <translation>Impossible de démarrer «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Shutting down %1…</source>
        <translation>Extinction de %1…</translation>
    </message>
    <message>
        <source>Could not shut down “%1”</source>
        <translation>Impossible d&apos;éteindre «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Stopping %1…</source>
        <translation>Arrêt de %1…</translation>
    </message>
    <message>
        <source>Could not force off “%1”</source>
        <translation>Impossible de forcer l&apos;arrêt de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Rebooting %1…</source>
        <translation>Redémarrage de %1…</translation>
    </message>
    <message>
        <source>Could not reboot “%1”</source>
        <translation>Impossible de redémarrer «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>%1 — console</source>
        <translation>%1 — console</translation>
    </message>
    <message>
        <source>Could not open the console of “%1”</source>
        <translation>Impossible d&apos;ouvrir la console de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>%1 — shell</source>
        <translation>%1 — shell</translation>
    </message>
    <message>
        <source>Could not open a shell in “%1”</source>
        <translation>Impossible d&apos;ouvrir un shell dans «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Delete Container</source>
        <translation>Supprimer le conteneur</translation>
    </message>
    <message>
        <source>Delete the container “%1”?</source>
        <translation>Supprimer le conteneur «&#xa0;%1&#xa0;»&#x202f;?</translation>
    </message>
    <message>
        <source>Its definition is removed. Its root filesystem and logs are kept.</source>
        <translation>Sa définition est supprimée. Son système de fichiers racine et ses journaux sont conservés.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Deleting %1…</source>
        <translation>Suppression de %1…</translation>
    </message>
    <message>
        <source>Could not delete “%1”</source>
        <translation>Impossible de supprimer «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Ouverture de %1…</translation>
    </message>
    <message>
        <source>%1 (ended)</source>
        <translation>%1 (terminé)</translation>
    </message>
    <message>
        <source>Cubby</source>
        <translation>Cubby</translation>
    </message>
    <message>
        <source>&amp;New Container…</source>
        <translation>&amp;Nouveau conteneur…</translation>
    </message>
    <message>
        <source>Make a new container in a wizard</source>
        <translation>Créer un nouveau conteneur à l&apos;aide d&apos;un assistant</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>Start the container</source>
        <translation>Démarrer le conteneur</translation>
    </message>
    <message>
        <source>Shut &amp;Down</source>
        <translation>É&amp;teindre</translation>
    </message>
    <message>
        <source>Ask the container&apos;s init to power off</source>
        <translation>Demander à l&apos;init du conteneur de l&apos;éteindre</translation>
    </message>
    <message>
        <source>&amp;Force Off</source>
        <translation>&amp;Forcer l&apos;arrêt</translation>
    </message>
    <message>
        <source>Stop the container at once, killing all its processes</source>
        <translation>Arrêter le conteneur immédiatement, en tuant tous ses processus</translation>
    </message>
    <message>
        <source>&amp;Reboot</source>
        <translation>&amp;Redémarrer</translation>
    </message>
    <message>
        <source>Open &amp;Console</source>
        <translation>Ouvrir la &amp;console</translation>
    </message>
    <message>
        <source>Show the container&apos;s console in a new tab</source>
        <translation>Afficher la console du conteneur dans un nouvel onglet</translation>
    </message>
    <message>
        <source>Open S&amp;hell</source>
        <translation>Ouvrir un &amp;shell</translation>
    </message>
    <message>
        <source>Open a root shell inside the container in a new tab</source>
        <translation>Ouvrir un shell root dans le conteneur, dans un nouvel onglet</translation>
    </message>
    <message>
        <source>De&amp;lete…</source>
        <translation>Su&amp;pprimer…</translation>
    </message>
    <message>
        <source>Remove the container&apos;s definition</source>
        <translation>Supprimer la définition du conteneur</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Container</source>
        <translation>&amp;Conteneur</translation>
    </message>
    <message>
        <source>&amp;Network</source>
        <translation>&amp;Réseau</translation>
    </message>
    <message>
        <source>New &amp;Network…</source>
        <translation>&amp;Nouveau réseau…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>Conteneur</translation>
    </message>
    <message>
        <source>Filter containers</source>
        <translation>Filtrer les conteneurs</translation>
    </message>
    <message>
        <source>Filter Containers</source>
        <translation>Filtrer les conteneurs</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>Conteneurs</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>Networks</source>
        <translation>Réseaux</translation>
    </message>
    <message>
        <source>Select a container to see its log.</source>
        <translation>Sélectionnez un conteneur pour voir son journal.</translation>
    </message>
    <message>
        <source>The log cannot be shown: %1</source>
        <translation>Le journal ne peut pas être affiché&#xa0;: %1</translation>
    </message>
    <message>
        <source>Events
%1

Console
%2</source>
        <translation>Événements
%1

Console
%2</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(aucun pour l&apos;instant)</translation>
    </message>
    <message>
        <source>(nothing yet)</source>
        <translation>(rien pour l&apos;instant)</translation>
    </message>
    <message>
        <source>%1 — you may not: %2</source>
        <translation>%1 — vous n&apos;y êtes pas autorisé&#xa0;: %2</translation>
    </message>
    <message>
        <source>polkit does not allow it</source>
        <translation>polkit ne l&apos;autorise pas</translation>
    </message>
    <message>
        <source>%1 — asks for an administrator&apos;s password%2</source>
        <translation>%1 — demande le mot de passe d&apos;un administrateur%2</translation>
    </message>
    <message>
        <source>: %1</source>
        <translation>&#xa0;: %1</translation>
    </message>
    <message>
        <source>Connected to cubby-helper</source>
        <translation>Connecté à cubby-helper</translation>
    </message>
    <message>
        <source>Connecting to cubby-helper…</source>
        <translation>Connexion à cubby-helper…</translation>
    </message>
    <message>
        <source>cubby-helper not reachable: %1</source>
        <translation>cubby-helper injoignable&#xa0;: %1</translation>
    </message>
    <message>
        <source>Could not list the containers</source>
        <translation>Impossible de lister les conteneurs</translation>
    </message>
    <message>
        <source>XML</source>
        <translation>XML</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>%1 on %2, through ssh</source>
        <translation>%1 sur %2, via ssh</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation>%1&#xa0;: annulé</translation>
    </message>
    <message>
        <source>Clone Container</source>
        <translation>Cloner le conteneur</translation>
    </message>
    <message>
        <source>Name of the copy of “%1”:</source>
        <translation>Nom de la copie de «&#xa0;%1&#xa0;»&#xa0;:</translation>
    </message>
    <message>
        <source>%1-copy</source>
        <translation>%1-copie</translation>
    </message>
    <message>
        <source>Cloning %1…</source>
        <translation>Clonage de %1…</translation>
    </message>
    <message>
        <source>Could not clone “%1”</source>
        <translation>Impossible de cloner «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Cloned “%1” as “%2”. %3</source>
        <translation>«&#xa0;%1&#xa0;» cloné sous le nom «&#xa0;%2&#xa0;». %3</translation>
    </message>
    <message>
        <source>Export “%1”</source>
        <translation>Exporter «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Cubby exports (%1);;All files (*)</source>
        <translation>Exports Cubby (%1);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Could not export “%1”</source>
        <translation>Impossible d&apos;exporter «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Exporting %1…</source>
        <translation>Exportation de %1…</translation>
    </message>
    <message>
        <source>Exported “%1” to %2</source>
        <translation>«&#xa0;%1&#xa0;» exporté vers %2</translation>
    </message>
    <message>
        <source>Import Container</source>
        <translation>Importer un conteneur</translation>
    </message>
    <message>
        <source>Name of the new container:</source>
        <translation>Nom du nouveau conteneur&#xa0;:</translation>
    </message>
    <message>
        <source>Could not import %1</source>
        <translation>Impossible d&apos;importer %1</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importation de %1…</translation>
    </message>
    <message>
        <source>Imported “%1” from %2</source>
        <translation>«&#xa0;%1&#xa0;» importé depuis %2</translation>
    </message>
    <message>
        <source>Could not copy %1 into “%2”</source>
        <translation>Impossible de copier %1 dans «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>only files are copied by drag and drop; for a folder use cubbyctl cp -r</source>
        <translation>le glisser-déposer ne copie que des fichiers&#x202f;; pour un dossier, utilisez cubbyctl cp -r</translation>
    </message>
    <message>
        <source>Copying %1 into %2…</source>
        <translation>Copie de %1 dans %2…</translation>
    </message>
    <message>
        <source>Copied to %1:%2</source>
        <translation>Copié vers %1:%2</translation>
    </message>
    <message>
        <source>Clo&amp;ne…</source>
        <translation>Cl&amp;oner…</translation>
    </message>
    <message>
        <source>Copy the stopped container under a new name</source>
        <translation>Copier le conteneur arrêté sous un nouveau nom</translation>
    </message>
    <message>
        <source>Sn&amp;apshots…</source>
        <translation>&amp;Instantanés…</translation>
    </message>
    <message>
        <source>Take, restore and delete snapshots of the stopped container</source>
        <translation>Prendre, restaurer et supprimer des instantanés du conteneur arrêté</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>Write the stopped container into one file, to import elsewhere</source>
        <translation>Écrire le conteneur arrêté dans un seul fichier, à importer ailleurs</translation>
    </message>
    <message>
        <source>Connect to &amp;Host…</source>
        <translation>Se connecter à un &amp;hôte…</translation>
    </message>
    <message>
        <source>Manage the containers of another machine over SSH</source>
        <translation>Gérer les conteneurs d&apos;une autre machine par SSH</translation>
    </message>
    <message>
        <source>&amp;Import Container…</source>
        <translation>&amp;Importer un conteneur…</translation>
    </message>
    <message>
        <source>Make a container on this machine from an exported file</source>
        <translation>Créer un conteneur sur cette machine à partir d&apos;un fichier exporté</translation>
    </message>
    <message>
        <source>Could not list the containers of %1</source>
        <translation>Impossible de lister les conteneurs de %1</translation>
    </message>
    <message>
        <source>Cannot connect to “%1”: %2</source>
        <translation>Impossible de se connecter à «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 is shown already.</source>
        <translation>%1 est déjà affiché.</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 of %n other machine(s) connected</source>
        <translation>
            <numerusform>%1 · %2 sur %n autre machine connectée</numerusform>
            <numerusform>%1 · %2 sur %n autres machines connectées</numerusform>
        </translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>Mot de passe pour %1</translation>
    </message>
    <message>
        <source>The polkit of %1 asks for a password: type it here</source>
        <translation>Le polkit de %1 demande un mot de passe&#xa0;: saisissez-le ici</translation>
    </message>
    <message>
        <source>Passwords cannot be asked for on %1: %2</source>
        <translation>Les mots de passe ne peuvent pas être demandés sur %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>not a file; an export is one file</source>
        <translation>pas un fichier&#xa0;; un export est un seul fichier</translation>
    </message>
</context>
<context>
    <name>cubby::MessageBar</name>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Close message</source>
        <translation>Fermer le message</translation>
    </message>
</context>
<context>
    <name>cubby::NameKindPage</name>
    <message>
        <source>NAT (recommended)</source>
        <translation>NAT (recommandé)</translation>
    </message>
    <message>
        <source>Isolated</source>
        <translation>Isolé</translation>
    </message>
    <message>
        <source>Routed</source>
        <translation>Routé</translation>
    </message>
    <message>
        <source>Name and kind</source>
        <translation>Nom et type</translation>
    </message>
    <message>
        <source>What the network is called and where its containers may go.</source>
        <translation>Le nom du réseau, et où ses conteneurs peuvent aller.</translation>
    </message>
    <message>
        <source>e.g. lab</source>
        <translation>p. ex. lab</translation>
    </message>
    <message>
        <source>Network name</source>
        <translation>Nom du réseau</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Works on Wi-Fi: containers reach the internet through this computer, which hides them behind its own address.</source>
        <translation>Fonctionne en Wi-Fi&#xa0;: les conteneurs accèdent à Internet via cet ordinateur, qui les cache derrière sa propre adresse.</translation>
    </message>
    <message>
        <source>Containers and this computer only; nothing leaves it.</source>
        <translation>Les conteneurs et cet ordinateur seulement&#x202f;; rien n&apos;en sort.</translation>
    </message>
    <message>
        <source>Containers keep their own addresses on the outside; your router must know the way back to the subnet.</source>
        <translation>Les conteneurs gardent leurs propres adresses à l&apos;extérieur&#x202f;; votre routeur doit connaître le chemin de retour vers le sous-réseau.</translation>
    </message>
    <message>
        <source>On the local network</source>
        <translation>Sur le réseau local</translation>
    </message>
    <message>
        <source>Looking for this computer&apos;s network cards…</source>
        <translation>Recherche des cartes réseau de cet ordinateur…</translation>
    </message>
    <message>
        <source>Bridge or network card</source>
        <translation>Pont ou carte réseau</translation>
    </message>
</context>
<context>
    <name>cubby::NamePage</name>
    <message>
        <source>Limit CPU time to</source>
        <translation>Limiter le temps CPU à</translation>
    </message>
    <message>
        <source>Start the container when the computer starts</source>
        <translation>Démarrer le conteneur au démarrage de l&apos;ordinateur</translation>
    </message>
    <message>
        <source>Start the container once it is created</source>
        <translation>Démarrer le conteneur une fois créé</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>Pa&amp;rcourir…</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Lecture seule</translation>
    </message>
    <message>
        <source>&amp;Privileged container</source>
        <translation>Conteneur pri&amp;vilégié</translation>
    </message>
    <message>
        <source>Name and Resources</source>
        <translation>Nom et ressources</translation>
    </message>
    <message>
        <source>The name is also the container&apos;s host name.</source>
        <translation>Le nom est aussi le nom d&apos;hôte du conteneur.</translation>
    </message>
    <message>
        <source>letters, digits, &apos;-&apos;, &apos;_&apos; and &apos;.&apos;</source>
        <translation>lettres, chiffres, «&#xa0;-&#xa0;», «&#xa0;_&#xa0;» et «&#xa0;.&#xa0;»</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> Mio</translation>
    </message>
    <message>
        <source>CPU limit</source>
        <translation>Limite CPU</translation>
    </message>
    <message>
        <source> CPUs</source>
        <translation> CPU</translation>
    </message>
    <message>
        <source>Its share of the CPUs against other containers when they are busy; 1024 is the default</source>
        <translation>Sa part des CPU face aux autres conteneurs lorsqu&apos;ils sont occupés&#x202f;; 1024 par défaut</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Memory:</source>
        <translation>&amp;Mémoire&#xa0;:</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>CPU&#xa0;:</translation>
    </message>
    <message>
        <source>CPU &amp;weight:</source>
        <translation>P&amp;oids CPU&#xa0;:</translation>
    </message>
    <message>
        <source>optional: a folder of your home</source>
        <translation>facultatif (dossier personnel)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Warning:&lt;/b&gt; root inside a privileged container is root on this computer. Anything running in it can take over the computer. Use it only for software you trust that cannot work otherwise; an administrator&apos;s password is needed.</source>
        <translation>&lt;b&gt;Attention&#xa0;:&lt;/b&gt; root dans un conteneur privilégié est root sur cet ordinateur. Tout ce qui s&apos;y exécute peut prendre le contrôle de l&apos;ordinateur. Ne l&apos;utilisez que pour des logiciels de confiance qui ne peuvent pas fonctionner autrement&#x202f;; le mot de passe d&apos;un administrateur est nécessaire.</translation>
    </message>
    <message>
        <source>&amp;Shared folder:</source>
        <translation>&amp;Dossier partagé&#xa0;:</translation>
    </message>
    <message>
        <source>Security:</source>
        <translation>Sécurité&#xa0;:</translation>
    </message>
    <message>
        <source>Files of your home are not visible inside unless you share a folder.</source>
        <translation>Les fichiers de votre répertoire personnel ne sont pas visibles à l&apos;intérieur, sauf si vous partagez un dossier.</translation>
    </message>
    <message>
        <source>Appears inside as %1, owned by root there; the files stay yours here.</source>
        <translation>Apparaît à l&apos;intérieur en tant que %1, propriété de root là-bas&#x202f;; les fichiers restent les vôtres ici.</translation>
    </message>
    <message>
        <source>Choose a Folder to Share</source>
        <translation>Choisir un dossier à partager</translation>
    </message>
    <message>
        <source>not in a wizard</source>
        <translation>pas dans un assistant</translation>
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
        <translation>routé</translation>
    </message>
    <message>
        <source>open</source>
        <translation>ouvert</translation>
    </message>
    <message>
        <source>isolated</source>
        <translation>isolé</translation>
    </message>
    <message>
        <source>Containers reach the internet through this computer</source>
        <translation>Les conteneurs accèdent à Internet via cet ordinateur</translation>
    </message>
    <message>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inactif</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation>Pont</translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation>Sous-réseau</translation>
    </message>
    <message>
        <source>Forwarding</source>
        <translation>Transfert</translation>
    </message>
    <message>
        <source>Autostart</source>
        <translation>Démarrage auto</translation>
    </message>
    <message>
        <source>on the LAN</source>
        <translation>sur le réseau local</translation>
    </message>
</context>
<context>
    <name>cubby::NetworkPage</name>
    <message>
        <source>Share the &amp;host&apos;s network</source>
        <translation>Partager le réseau de l&apos;&amp;hôte</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>How the container reaches other machines.</source>
        <translation>Comment le conteneur joint les autres machines.</translation>
    </message>
    <message>
        <source>&amp;No network (only its own loopback)</source>
        <translation>Aucu&amp;n réseau (seulement sa propre boucle locale)</translation>
    </message>
    <message>
        <source>A Cubby &amp;network:</source>
        <translation>Un &amp;réseau Cubby&#xa0;:</translation>
    </message>
    <message>
        <source>A host &amp;bridge:</source>
        <translation>Un p&amp;ont de l&apos;hôte&#xa0;:</translation>
    </message>
    <message>
        <source>Cubby network</source>
        <translation>Réseau Cubby</translation>
    </message>
    <message>
        <source>Host bridge</source>
        <translation>Pont de l&apos;hôte</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 (%2) — not active</source>
        <translation>%1 (%2) — inactif</translation>
    </message>
    <message>
        <source>The container gets its own network stack with only the loopback interface.</source>
        <translation>Le conteneur obtient sa propre pile réseau, avec seulement l&apos;interface de boucle locale.</translation>
    </message>
    <message>
        <source>The application sees and uses the host&apos;s interfaces and addresses.</source>
        <translation>L&apos;application voit et utilise les interfaces et les adresses de l&apos;hôte.</translation>
    </message>
    <message>
        <source>“%1” is not active: the container cannot start until the network is started.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas actif&#xa0;: le conteneur ne peut pas démarrer tant que le réseau n&apos;est pas démarré.</translation>
    </message>
    <message>
        <source>The container gets an address reserved for it in the network.</source>
        <translation>Le conteneur obtient une adresse qui lui est réservée dans le réseau.</translation>
    </message>
    <message>
        <source>The container&apos;s interface joins an existing bridge of the host, on that bridge&apos;s network.</source>
        <translation>L&apos;interface du conteneur rejoint un pont existant de l&apos;hôte, sur le réseau de ce pont.</translation>
    </message>
    <message>
        <source>not in a wizard</source>
        <translation>pas dans un assistant</translation>
    </message>
</context>
<context>
    <name>cubby::NetworkRequest</name>
    <message>
        <source>Give the network a name.</source>
        <translation>Donnez un nom au réseau.</translation>
    </message>
    <message>
        <source>A network named “%1” exists already.</source>
        <translation>Un réseau nommé «&#xa0;%1&#xa0;» existe déjà.</translation>
    </message>
    <message>
        <source>%1 overlaps %2, the subnet of the network “%3”.</source>
        <translation>%1 chevauche %2, le sous-réseau du réseau «&#xa0;%3&#xa0;».</translation>
    </message>
    <message>
        <source>Port forwards need a NAT network.</source>
        <translation>Les redirections de ports nécessitent un réseau NAT.</translation>
    </message>
    <message>
        <source>Row %1: </source>
        <translation>Ligne %1&#xa0;: </translation>
    </message>
    <message>
        <source>the protocol is tcp or udp.</source>
        <translation>le protocole est tcp ou udp.</translation>
    </message>
    <message>
        <source>the host port “%1” is not a port (1–65535).</source>
        <translation>le port hôte «&#xa0;%1&#xa0;» n&apos;est pas un port (1–65535).</translation>
    </message>
    <message>
        <source>the container port “%1” is not a port (1–65535).</source>
        <translation>le port du conteneur «&#xa0;%1&#xa0;» n&apos;est pas un port (1–65535).</translation>
    </message>
    <message>
        <source>host port %1 is forwarded twice.</source>
        <translation>le port hôte %1 est redirigé deux fois.</translation>
    </message>
    <message>
        <source>the subnet is chosen for you, so give the container&apos;s host number, e.g. .10, not “%1”.</source>
        <translation>le sous-réseau est choisi pour vous, donnez donc le numéro d&apos;hôte du conteneur, p. ex. .10, et non «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>The MTU “%1” is not a size from 576 to 65535 bytes.</source>
        <translation>La MTU « %1 » n’est pas une taille de 576 à 65535 octets.</translation>
    </message>
    <message>
        <source>IPv6 needs an MTU of at least 1280 bytes; a smaller one only works without IPv6.</source>
        <translation>IPv6 demande une MTU d’au moins 1280 octets ; une plus petite ne marche que sans IPv6.</translation>
    </message>
    <message>
        <source>Services (SRV)</source>
        <translation>Services (SRV)</translation>
    </message>
    <message>
        <source>Text (TXT)</source>
        <translation>Texte (TXT)</translation>
    </message>
    <message>
        <source>Host names</source>
        <translation>Noms d’hôte</translation>
    </message>
    <message>
        <source>give the name.</source>
        <translation>donnez le nom.</translation>
    </message>
    <message>
        <source>“%1” is not a host name (letters, digits, &apos;-&apos; and &apos;.&apos;).</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un nom d’hôte (lettres, chiffres, &apos;-&apos; et &apos;.&apos;).</translation>
    </message>
    <message>
        <source>give the address.</source>
        <translation>donnez l’adresse.</translation>
    </message>
    <message>
        <source>this network has no IPv4 subnet for the host number %1; give a full address.</source>
        <translation>ce réseau n’a pas de sous-réseau IPv4 pour le numéro d’hôte %1&#xa0;; donnez une adresse complète.</translation>
    </message>
    <message>
        <source>the subnet chosen for you is a /24, so a host number is .1 to .254, not %1.</source>
        <translation>le sous-réseau choisi pour vous est un /24, un numéro d’hôte va donc de .1 à .254, et non %1.</translation>
    </message>
    <message>
        <source>the host number %1 does not fit the subnet %2.</source>
        <translation>le numéro d’hôte %1 ne tient pas dans le sous-réseau %2.</translation>
    </message>
    <message>
        <source>“%1” is not an IP address.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une adresse IP.</translation>
    </message>
    <message>
        <source>give the service, e.g. ldap.</source>
        <translation>donnez le service, p. ex. ldap.</translation>
    </message>
    <message>
        <source>“%1” is not a service name (letters, digits and &apos;-&apos;, at most 15).</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un nom de service (lettres, chiffres et &apos;-&apos;, 15 au plus).</translation>
    </message>
    <message>
        <source>give the host that offers the service.</source>
        <translation>donnez l’hôte qui offre le service.</translation>
    </message>
    <message>
        <source>the port “%1” is not a port (1–65535).</source>
        <translation>le port «&#xa0;%1&#xa0;» n’est pas un port (1–65535).</translation>
    </message>
    <message>
        <source>“%1” is not a DNS name (letters, digits, &apos;-&apos; and &apos;.&apos;).</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un nom DNS (lettres, chiffres, &apos;-&apos; et &apos;.&apos;).</translation>
    </message>
    <message>
        <source>the text holds up to 255 plain ASCII characters, without quotes or backslashes.</source>
        <translation>le texte tient en 255 caractères ASCII simples au plus, sans guillemets ni barres obliques inverses.</translation>
    </message>
    <message>
        <source>give the domain, e.g. corp.example.</source>
        <translation>donnez le domaine, p. ex. corp.example.</translation>
    </message>
    <message>
        <source>“%1” is not a domain name (letters, digits, &apos;-&apos; and &apos;.&apos;).</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un nom de domaine (lettres, chiffres, &apos;-&apos; et &apos;.&apos;).</translation>
    </message>
    <message>
        <source>%1 is this network&apos;s own domain, which it answers itself.</source>
        <translation>%1 est le domaine propre de ce réseau, auquel il répond lui-même.</translation>
    </message>
    <message>
        <source>the domain %1 is listed twice.</source>
        <translation>le domaine %1 figure deux fois.</translation>
    </message>
    <message>
        <source>give the server&apos;s address, or answer the domain on this network only.</source>
        <translation>donnez l’adresse du serveur, ou ne répondez pour ce domaine que sur ce réseau.</translation>
    </message>
    <message>
        <source>%1, row %2: %3</source>
        <translation>%1, ligne %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>This isolated network has no subnet, so no DNS server answers for it: type a subnet on the Addresses page, or remove these names.</source>
        <translation>Ce réseau isolé n’a pas de sous-réseau, donc aucun serveur DNS ne répond pour lui&#xa0;: saisissez un sous-réseau sur la page Adresses, ou retirez ces noms.</translation>
    </message>
    <message>
        <source>Domain forwarders</source>
        <translation>Redirecteurs de domaine</translation>
    </message>
    <message>
        <source>Choose the bridge or network card the containers join.</source>
        <translation>Choisissez le pont ou la carte réseau que rejoignent les conteneurs.</translation>
    </message>
    <message>
        <source>This computer has no wired network card or bridge to put containers on; choose NAT.</source>
        <translation>Cet ordinateur n’a ni carte réseau filaire ni pont où placer des conteneurs ; choisissez NAT.</translation>
    </message>
    <message>
        <source>This computer reaches the network over Wi-Fi (%1), and most access points drop traffic from the containers&apos; own addresses: choose NAT unless you use a wired card.</source>
        <translation>Cet ordinateur rejoint le réseau par Wi-Fi (%1), et la plupart des points d’accès rejettent le trafic venant des adresses propres des conteneurs : choisissez NAT, sauf si vous utilisez une carte filaire.</translation>
    </message>
    <message>
        <source>Containers get addresses from your router, like any computer on the network. Starting them needs an administrator.</source>
        <translation>Les conteneurs reçoivent leurs adresses de votre routeur, comme tout ordinateur du réseau. Les démarrer demande un administrateur.</translation>
    </message>
    <message>
        <source>%1 — this computer&apos;s bridge</source>
        <translation>%1 — pont de cet ordinateur</translation>
    </message>
    <message>
        <source>%1 — network card</source>
        <translation>%1 — carte réseau</translation>
    </message>
    <message>
        <source>, Wi-Fi</source>
        <translation>, Wi-Fi</translation>
    </message>
    <message>
        <source>, the uplink</source>
        <translation>, la liaison montante</translation>
    </message>
    <message>
        <source>, down</source>
        <translation>, inactive</translation>
    </message>
    <message>
        <source>%1 is a Wi-Fi link: most access points drop frames from addresses that did not join them, so containers here will likely get no traffic.</source>
        <translation>%1 est une liaison Wi-Fi : la plupart des points d’accès rejettent les trames des adresses qui ne s’y sont pas associées, donc les conteneurs ici ne recevront probablement aucun trafic.</translation>
    </message>
    <message>
        <source>Containers get macvlans on %1: they reach the network, but this computer cannot reach them through %1.</source>
        <translation>Les conteneurs reçoivent des macvlans sur %1 : ils atteignent le réseau, mais cet ordinateur ne peut pas les atteindre par %1.</translation>
    </message>
    <message>
        <source>%1 has no network card among its ports: containers on it reach this computer and what else is on the bridge, not your network.</source>
        <translation>%1 n’a aucune carte réseau parmi ses ports : les conteneurs qui y sont reliés atteignent cet ordinateur et ce qui est sur le pont, pas votre réseau.</translation>
    </message>
</context>
<context>
    <name>cubby::NetworkWizard</name>
    <message>
        <source>New Network</source>
        <translation>Nouveau réseau</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Créer</translation>
    </message>
    <message>
        <source>Could not create the network</source>
        <translation>Impossible de créer le réseau</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Could not read the new network back</source>
        <translation>Impossible de relire le nouveau réseau</translation>
    </message>
    <message>
        <source>The stored network does not read back: %1</source>
        <translation>Le réseau enregistré ne peut pas être relu&#xa0;: %1</translation>
    </message>
    <message>
        <source>Could not start the network</source>
        <translation>Impossible de démarrer le réseau</translation>
    </message>
    <message>
        <source>Could not mark the network to start at boot</source>
        <translation>Impossible de configurer le démarrage du réseau avec l&apos;ordinateur</translation>
    </message>
    <message>
        <source>%1
The network “%2” was created and runs.</source>
        <translation>%1
Le réseau «&#xa0;%2&#xa0;» a été créé et fonctionne.</translation>
    </message>
    <message>
        <source>%1
Undoing the definition failed too: %2</source>
        <translation>%1
L&apos;annulation de la définition a également échoué&#xa0;: %2</translation>
    </message>
    <message>
        <source>NAT</source>
        <translation>NAT</translation>
    </message>
    <message>
        <source>routed</source>
        <translation>routé</translation>
    </message>
    <message>
        <source>open</source>
        <translation>ouvert</translation>
    </message>
    <message>
        <source>isolated</source>
        <translation>isolé</translation>
    </message>
    <message>
        <source>on the LAN</source>
        <translation>sur le réseau local</translation>
    </message>
    <message>
        <source>The port forwards or DNS hosts do not fit the chosen subnet: %1</source>
        <translation>Les redirections de ports ou les hôtes DNS ne correspondent pas au sous-réseau choisi&#xa0;: %1</translation>
    </message>
    <message>
        <source>Could not add the port forwards and DNS hosts</source>
        <translation>Impossible d’ajouter les redirections de ports et les hôtes DNS</translation>
    </message>
</context>
<context>
    <name>cubby::NetworksPanel</name>
    <message>
        <source>Network running</source>
        <translation>Réseau en marche</translation>
    </message>
    <message>
        <source>Bridge</source>
        <translation>Pont</translation>
    </message>
    <message>
        <source>Gateway address</source>
        <translation>Adresse de passerelle</translation>
    </message>
    <message>
        <source>Subnet free</source>
        <translation>Sous-réseau libre</translation>
    </message>
    <message>
        <source>IP forwarding</source>
        <translation>Transfert IP</translation>
    </message>
    <message>
        <source>NAT rules</source>
        <translation>Règles NAT</translation>
    </message>
    <message>
        <source>Other firewalls</source>
        <translation>Autres pare-feu</translation>
    </message>
    <message>
        <source>Uplink</source>
        <translation>Liaison montante</translation>
    </message>
    <message>
        <source>DHCP/DNS server</source>
        <translation>Serveur DHCP/DNS</translation>
    </message>
    <message>
        <source>DNS answers</source>
        <translation>Réponses DNS</translation>
    </message>
    <message>
        <source>Upstream DNS</source>
        <translation>DNS amont</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>avertissement</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>Hop</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>What Cubby found</source>
        <translation>Constat de Cubby</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>Arrê&amp;ter</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>D&amp;iagnose</source>
        <translation>Dia&amp;gnostiquer</translation>
    </message>
    <message>
        <source>&amp;New Network…</source>
        <translation>&amp;Nouveau réseau…</translation>
    </message>
    <message>
        <source>Why can containers on this network not reach the internet?</source>
        <translation>Pourquoi les conteneurs de ce réseau n&apos;accèdent-ils pas à Internet&#x202f;?</translation>
    </message>
    <message>
        <source>Could not start the network</source>
        <translation>Impossible de démarrer le réseau</translation>
    </message>
    <message>
        <source>Could not stop the network</source>
        <translation>Impossible d&apos;arrêter le réseau</translation>
    </message>
    <message>
        <source>Could not list the networks: %1</source>
        <translation>Impossible de lister les réseaux&#xa0;: %1</translation>
    </message>
    <message>
        <source>Stop the network before deleting it</source>
        <translation>Arrêtez le réseau avant de le supprimer</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Delete Network</source>
        <translation>Supprimer le réseau</translation>
    </message>
    <message>
        <source>Delete the network “%1”? Its definition is removed; containers that use it cannot start until they are moved to another network.</source>
        <translation>Supprimer le réseau «&#xa0;%1&#xa0;»&#x202f;? Sa définition est supprimée&#x202f;; les conteneurs qui l&apos;utilisent ne peuvent pas démarrer tant qu&apos;ils ne sont pas déplacés vers un autre réseau.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Could not delete the network</source>
        <translation>Impossible de supprimer le réseau</translation>
    </message>
    <message>
        <source>Diagnosing “%1”…</source>
        <translation>Diagnostic de «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>Could not diagnose “%1”.</source>
        <translation>Impossible de diagnostiquer «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Could not diagnose the network: %1</source>
        <translation>Impossible de diagnostiquer le réseau&#xa0;: %1</translation>
    </message>
    <message>
        <source>Containers cannot reach the internet? Select their network and press Diagnose: every hop their packets take is checked.</source>
        <translation>Les conteneurs n&apos;accèdent pas à Internet&#x202f;? Sélectionnez leur réseau et cliquez sur Diagnostiquer&#xa0;: chaque étape empruntée par leurs paquets est vérifiée.</translation>
    </message>
    <message numerus="yes">
        <source>“%1”: %n hop(s) fail — the first one is where packets stop.</source>
        <translation>
            <numerusform>«&#xa0;%1&#xa0;»&#xa0;: %n étape échoue — la première est celle où les paquets s&apos;arrêtent.</numerusform>
            <numerusform>«&#xa0;%1&#xa0;»&#xa0;: %n étapes échouent — la première est celle où les paquets s&apos;arrêtent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1”: every hop works, %n with a warning.</source>
        <translation>
            <numerusform>«&#xa0;%1&#xa0;»&#xa0;: toutes les étapes fonctionnent, dont %n avec un avertissement.</numerusform>
            <numerusform>«&#xa0;%1&#xa0;»&#xa0;: toutes les étapes fonctionnent, dont %n avec un avertissement.</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1”: every hop works.</source>
        <translation>«&#xa0;%1&#xa0;»&#xa0;: toutes les étapes fonctionnent.</translation>
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
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>État&#xa0;:</translation>
    </message>
    <message>
        <source>ID:</source>
        <translation>ID&#xa0;:</translation>
    </message>
    <message>
        <source>UUID:</source>
        <translation>UUID&#xa0;:</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Mémoire&#xa0;:</translation>
    </message>
    <message>
        <source>CPU time:</source>
        <translation>Temps CPU&#xa0;:</translation>
    </message>
    <message>
        <source>Autostart:</source>
        <translation>Démarrage auto&#xa0;:</translation>
    </message>
    <message>
        <source>Console:</source>
        <translation>Console&#xa0;:</translation>
    </message>
    <message>
        <source>waiting for data</source>
        <translation>en attente de données</translation>
    </message>
    <message>
        <source>No container selected</source>
        <translation>Aucun conteneur sélectionné</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>aucune</translation>
    </message>
    <message>
        <source>%1 used of %2</source>
        <translation>%1 utilisés (limite&#xa0;: %2)</translation>
    </message>
    <message>
        <source>limit %1</source>
        <translation>limite&#xa0;: %1</translation>
    </message>
    <message>
        <source>not running</source>
        <translation>à l&apos;arrêt</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>%1 used</source>
        <translation>%1 utilisés</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1&#xa0;s</translation>
    </message>
</context>
<context>
    <name>cubby::PortForwardsPage</name>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Ajouter</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>Port forwards</source>
        <translation>Redirections de ports</translation>
    </message>
    <message>
        <source>Optional: ports of this computer that lead to a container.</source>
        <translation>Facultatif&#xa0;: les ports de cet ordinateur qui mènent à un conteneur.</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protocole</translation>
    </message>
    <message>
        <source>Host port</source>
        <translation>Port hôte</translation>
    </message>
    <message>
        <source>Container address</source>
        <translation>Adresse du conteneur</translation>
    </message>
    <message>
        <source>Container port</source>
        <translation>Port du conteneur</translation>
    </message>
    <message>
        <source>Only NAT networks forward ports: leave this empty.</source>
        <translation>Seuls les réseaux NAT redirigent des ports&#xa0;: laissez ce tableau vide.</translation>
    </message>
    <message>
        <source>The subnet is chosen when the network is created, so give the container&apos;s host number, e.g. .10 for the tenth address.</source>
        <translation>Le sous-réseau est choisi à la création du réseau, donnez donc le numéro d&apos;hôte du conteneur, p. ex. .10 pour la dixième adresse.</translation>
    </message>
    <message>
        <source>Give the container&apos;s address in %1, or its host number (.10).</source>
        <translation>Donnez l&apos;adresse du conteneur dans %1, ou son numéro d&apos;hôte (.10).</translation>
    </message>
</context>
<context>
    <name>cubby::ReachPage</name>
    <message>
        <source>IPv6 &amp;too</source>
        <translation>IPv&amp;6 aussi</translation>
    </message>
    <message>
        <source>Containers may use &amp;services on this computer</source>
        <translation>Les conteneurs peuvent utiliser les &amp;services de cet ordinateur</translation>
    </message>
    <message>
        <source>Containers may reach the &amp;local network</source>
        <translation>Les conteneurs peuvent joindre le réseau &amp;local</translation>
    </message>
    <message>
        <source>IPv6 and walls</source>
        <translation>IPv6 et cloisons</translation>
    </message>
    <message>
        <source>Which protocols the containers speak, and what they may reach.</source>
        <translation>Les protocoles que parlent les conteneurs, et ce qu’ils peuvent joindre.</translation>
    </message>
    <message>
        <source>a /64 chosen for you</source>
        <translation>un /64 choisi pour vous</translation>
    </message>
    <message>
        <source>IPv6 prefix</source>
        <translation>Préfixe IPv6</translation>
    </message>
    <message>
        <source>default</source>
        <translation>par défaut</translation>
    </message>
    <message>
        <source>MTU</source>
        <translation>MTU</translation>
    </message>
    <message>
        <source>Off, they reach only its DHCP, DNS and ping, so a container cannot probe what listens on your computer.</source>
        <translation>Désactivé, ils n’en joignent que le DHCP, le DNS et le ping : aucun conteneur ne peut sonder ce qui écoute sur votre ordinateur.</translation>
    </message>
    <message>
        <source>Off, they reach the internet only: not your printer, your NAS or your router&apos;s settings page.</source>
        <translation>Désactivé, ils ne joignent qu’Internet : ni votre imprimante, ni votre NAS, ni la page de réglages de votre routeur.</translation>
    </message>
    <message>
        <source>&amp;MTU:</source>
        <translation>&amp;MTU :</translation>
    </message>
    <message>
        <source>Leave it empty unless a VPN or your link needs smaller packets.</source>
        <translation>Laissez vide, sauf si un VPN ou votre liaison demande des paquets plus petits.</translation>
    </message>
    <message>
        <source>Containers make IPv6 addresses of their own from this network&apos;s router advertisements and reach the IPv6 internet through this computer; left empty, a private /64 is chosen where this computer has IPv6.</source>
        <translation>Les conteneurs se font leurs propres adresses IPv6 à partir des annonces de routeur de ce réseau et joignent l’Internet IPv6 par cet ordinateur ; laissé vide, un /64 privé est choisi là où cet ordinateur a IPv6.</translation>
    </message>
    <message>
        <source>Containers make IPv6 addresses of their own in the /64 you type here; without one this network has no IPv6.</source>
        <translation>Les conteneurs se font leurs propres adresses IPv6 dans le /64 saisi ici ; sans lui, ce réseau n’a pas d’IPv6.</translation>
    </message>
</context>
<context>
    <name>cubby::RemoteAuthAgent</name>
    <message>
        <source>the other machine has no pkttyagent (Debian&apos;s polkitd package)</source>
        <translation>l&apos;autre machine n&apos;a pas pkttyagent (paquet polkitd de Debian)</translation>
    </message>
</context>
<context>
    <name>cubby::RemoteStream</name>
    <message>
        <source>ssh ended with status %1</source>
        <translation>ssh s&apos;est terminé avec le statut %1</translation>
    </message>
</context>
<context>
    <name>cubby::RootfsPage</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>Pa&amp;rcourir…</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>Parco&amp;urir…</translation>
    </message>
    <message>
        <source>Root Filesystem</source>
        <translation>Système de fichiers racine</translation>
    </message>
    <message>
        <source>The files the container sees as its own, and the program it starts.</source>
        <translation>Les fichiers que le conteneur voit comme les siens, et le programme qu&apos;il lance.</translation>
    </message>
    <message>
        <source>Minimal &amp;BusyBox system</source>
        <translation>Système &amp;BusyBox minimal</translation>
    </message>
    <message>
        <source>&amp;Debian (downloaded with mmdebstrap)</source>
        <translation>&amp;Debian (téléchargé avec mmdebstrap)</translation>
    </message>
    <message>
        <source>Root filesystem &amp;tarball</source>
        <translation>&amp;Archive de système de fichiers racine</translation>
    </message>
    <message>
        <source>E&amp;xisting directory</source>
        <translation>Répertoire e&amp;xistant</translation>
    </message>
    <message>
        <source>&amp;Application container (shares the host&apos;s files)</source>
        <translation>Conteneur d&apos;app&amp;lication (partage les fichiers de l&apos;hôte)</translation>
    </message>
    <message>
        <source>extra packages, e.g. iproute2 openssh-server</source>
        <translation>paquets supplémentaires, p. ex. iproute2 openssh-server</translation>
    </message>
    <message>
        <source>Root filesystem archive</source>
        <translation>Archive du système de fichiers racine</translation>
    </message>
    <message>
        <source>a .tar, .tar.gz, .tar.xz, .tar.zst… file</source>
        <translation>un fichier .tar, .tar.gz, .tar.xz, .tar.zst…</translation>
    </message>
    <message>
        <source>Root directory</source>
        <translation>Répertoire racine</translation>
    </message>
    <message>
        <source>a directory holding a whole system</source>
        <translation>un répertoire contenant un système complet</translation>
    </message>
    <message>
        <source>Suite:</source>
        <translation>Suite&#xa0;:</translation>
    </message>
    <message>
        <source>Packages:</source>
        <translation>Paquets&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Init program:</source>
        <translation>Programme d&apos;&amp;init&#xa0;:</translation>
    </message>
    <message>
        <source>BusyBox init runs a root shell on the console and asks for an address by DHCP.</source>
        <translation>L&apos;init de BusyBox lance un shell root sur la console et demande une adresse par DHCP.</translation>
    </message>
    <message>
        <source>The program must exist inside the root filesystem.</source>
        <translation>Le programme doit exister dans le système de fichiers racine.</translation>
    </message>
    <message>
        <source>The program runs with the host&apos;s files (its /tmp is private); nothing is copied.</source>
        <translation>Le programme s&apos;exécute avec les fichiers de l&apos;hôte (son /tmp est privé)&#x202f;; rien n&apos;est copié.</translation>
    </message>
    <message>
        <source>Choose the Root Directory</source>
        <translation>Choisir le répertoire racine</translation>
    </message>
    <message>
        <source>Choose a Root Filesystem Archive</source>
        <translation>Choisir une archive de système de fichiers racine</translation>
    </message>
    <message>
        <source>Archives (*.tar *.tar.gz *.tgz *.tar.xz *.tar.zst *.tar.bz2 *.tar.lz4 *.cpio *.cpio.gz)</source>
        <translation>Archives (*.tar *.tar.gz *.tgz *.tar.xz *.tar.zst *.tar.bz2 *.tar.lz4 *.cpio *.cpio.gz)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>not in a wizard</source>
        <translation>pas dans un assistant</translation>
    </message>
    <message>
        <source>A root filesystem named “%1” exists already (%2): choose “Existing directory” with that path, or go back and pick another name.</source>
        <translation>Un système de fichiers racine nommé «&#xa0;%1&#xa0;» existe déjà (%2)&#xa0;: choisissez «&#xa0;Répertoire existant&#xa0;» avec ce chemin, ou revenez en arrière et choisissez un autre nom.</translation>
    </message>
    <message>
        <source>&amp;Minimal: no init system, bash on the console</source>
        <translation>&amp;Minimal&#xa0;: sans système d’init, bash sur la console</translation>
    </message>
    <message>
        <source>Without it, Debian boots systemd: networking by DHCP, a journal, logins, and root logged in on the console</source>
        <translation>Sans cela, Debian démarre systemd&#xa0;: réseau par DHCP, un journal, des connexions, et root connecté sur la console</translation>
    </message>
    <message>
        <source>A minimal Debian has no init system: bash runs on the console.</source>
        <translation>Un Debian minimal n’a pas de système d’init&#xa0;: bash tourne sur la console.</translation>
    </message>
    <message>
        <source>Debian boots systemd: the console shows its start and logs root in; networking comes by DHCP.</source>
        <translation>Debian démarre systemd&#xa0;: la console montre son démarrage et connecte root&#xa0;; le réseau vient par DHCP.</translation>
    </message>
    <message>
        <source>Root, logged in by itself</source>
        <translation>root, connecté d’office</translation>
    </message>
    <message>
        <source>Root, with a password</source>
        <translation>root, avec un mot de passe</translation>
    </message>
    <message>
        <source>A user with sudo, with a password</source>
        <translation>Un utilisateur avec sudo, avec un mot de passe</translation>
    </message>
    <message>
        <source>Who logs in on the console. Whoever may open the console (polkit asks) gets a root shell when root is logged in by itself.</source>
        <translation>Qui se connecte sur la console. Si root est connecté d’office, quiconque peut ouvrir la console (polkit le demande) obtient un shell root.</translation>
    </message>
    <message>
        <source>e.g. alice</source>
        <translation>p. ex. alice</translation>
    </message>
    <message>
        <source>Hashed here; only the hash goes to the new system.</source>
        <translation>Haché ici ; seul le hachage va au nouveau système.</translation>
    </message>
    <message>
        <source>&amp;Console login:</source>
        <translation>&amp;Connexion sur la console&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Nom d’utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Mot de &amp;passe&#xa0;:</translation>
    </message>
    <message>
        <source>R&amp;epeat password:</source>
        <translation>Confirm&amp;er le mot de passe&#xa0;:</translation>
    </message>
    <message>
        <source>User name: choose a name for the new user.</source>
        <translation>Nom d’utilisateur&#xa0;: choisissez un nom pour le nouvel utilisateur.</translation>
    </message>
    <message>
        <source>User name: lower-case letters, digits, “_” and “-”, starting with a letter, at most 32, and not a system account such as root or daemon.</source>
        <translation>Nom d’utilisateur&#xa0;: minuscules, chiffres, «&#xa0;_&#xa0;» et «&#xa0;-&#xa0;», commençant par une lettre, 32 au plus, et pas un compte système comme root ou daemon.</translation>
    </message>
    <message>
        <source>Password: choose a password.</source>
        <translation>Mot de passe&#xa0;: choisissez un mot de passe.</translation>
    </message>
    <message>
        <source>Password: a password cannot hold a line break.</source>
        <translation>Mot de passe&#xa0;: un mot de passe ne peut pas contenir de saut de ligne.</translation>
    </message>
    <message>
        <source>Password: the two entries differ.</source>
        <translation>Mot de passe&#xa0;: les deux saisies diffèrent.</translation>
    </message>
    <message>
        <source>Debian boots systemd: the console shows its start and a login prompt; networking comes by DHCP.</source>
        <translation>Debian démarre systemd&#xa0;: la console montre son démarrage et une invite de connexion&#xa0;; le réseau vient par DHCP.</translation>
    </message>
    <message>
        <source>Image from a &amp;server (Alpine, Ubuntu, Fedora, Arch, …)</source>
        <translation>Image depuis un &amp;serveur (Alpine, Ubuntu, Fedora, Arch, …)</translation>
    </message>
</context>
<context>
    <name>cubby::SettingsPage</name>
    <message>
        <source>&amp;Limit to</source>
        <translation>&amp;Limiter à</translation>
    </message>
    <message>
        <source>after a restart</source>
        <translation>après un redémarrage</translation>
    </message>
    <message>
        <source>Start when the &amp;computer starts</source>
        <translation>Démarrer avec l’&amp;ordinateur</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Appliquer</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>Ré&amp;tablir</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> Mio</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source> CPUs</source>
        <translation> CPU</translation>
    </message>
    <message>
        <source>CPU limit</source>
        <translation>Limite CPU</translation>
    </message>
    <message>
        <source>CPU weight</source>
        <translation>Poids CPU</translation>
    </message>
    <message>
        <source>Its share of the CPUs against other containers when they are busy; 1024 is the default</source>
        <translation>Sa part des CPU face aux autres conteneurs quand ils sont occupés ; 1024 par défaut</translation>
    </message>
    <message>
        <source>Init program</source>
        <translation>Programme init</translation>
    </message>
    <message>
        <source>Switched at once</source>
        <translation>Changé immédiatement</translation>
    </message>
    <message>
        <source>&amp;Memory:</source>
        <translation>&amp;Mémoire&#xa0;:</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>CPU&#xa0;:</translation>
    </message>
    <message>
        <source>CPU &amp;weight:</source>
        <translation>P&amp;oids CPU&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Init:</source>
        <translation>&amp;Init&#xa0;:</translation>
    </message>
    <message>
        <source>Select a container to change its settings.</source>
        <translation>Sélectionnez un conteneur pour modifier ses paramètres.</translation>
    </message>
    <message>
        <source>Memory and CPU change at once while it runs.</source>
        <translation>La mémoire et le CPU changent immédiatement pendant qu’il tourne.</translation>
    </message>
    <message>
        <source>The stored settings.</source>
        <translation>Les paramètres enregistrés.</translation>
    </message>
    <message>
        <source>The init program is a path inside the container, starting with /.</source>
        <translation>Le programme init est un chemin dans le conteneur, commençant par /.</translation>
    </message>
    <message>
        <source>Apply saves the settings for the next start.</source>
        <translation>« Appliquer » enregistre les paramètres pour le prochain démarrage.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Saved: it takes these settings when it next starts.</source>
        <translation>Enregistré&#xa0;: ces paramètres s’appliquent au prochain démarrage.</translation>
    </message>
    <message>
        <source>Saved for the next start, but the running container kept its limits: %1</source>
        <translation>Enregistré pour le prochain démarrage, mais le conteneur en marche a gardé ses limites&#xa0;: %1</translation>
    </message>
    <message>
        <source>Saved. Memory and CPU changed at once; the rest takes effect after a restart.</source>
        <translation>Enregistré. Mémoire et CPU changés immédiatement&#xa0;; le reste après un redémarrage.</translation>
    </message>
    <message>
        <source>Saved and changed at once.</source>
        <translation>Enregistré et changé immédiatement.</translation>
    </message>
    <message>
        <source>It starts when the computer starts.</source>
        <translation>Il démarre avec l’ordinateur.</translation>
    </message>
    <message>
        <source>It no longer starts with the computer.</source>
        <translation>Il ne démarre plus avec l’ordinateur.</translation>
    </message>
    <message>
        <source>Process limit</source>
        <translation>Limite de processus</translation>
    </message>
    <message>
        <source>At most this many processes and threads run inside; %1 is the default</source>
        <translation>Au plus ce nombre de processus et de threads y tournent&#xa0;; %1 par défaut</translation>
    </message>
    <message>
        <source>&amp;Processes:</source>
        <translation>&amp;Processus&#xa0;:</translation>
    </message>
    <message>
        <source>A&amp;dd Folder…</source>
        <translation>A&amp;jouter un dossier…</translation>
    </message>
    <message>
        <source>R&amp;emove</source>
        <translation>R&amp;etirer</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Lecture seule</translation>
    </message>
    <message>
        <source>Shared folders</source>
        <translation>Dossiers partagés</translation>
    </message>
    <message>
        <source>Share a folder of this computer with the container; a folder of your home needs no administrator</source>
        <translation>Partager un dossier de cet ordinateur avec le conteneur&#xa0;; un dossier de votre dossier personnel ne demande pas d’administrateur</translation>
    </message>
    <message>
        <source>The next folder added is read-only inside</source>
        <translation>Le prochain dossier ajouté y est en lecture seule</translation>
    </message>
    <message>
        <source>&amp;Folders:</source>
        <translation>&amp;Dossiers&#xa0;:</translation>
    </message>
    <message>
        <source>%1 → %2 (read-only)</source>
        <translation>%1 → %2 (lecture seule)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Share a Folder</source>
        <translation>Partager un dossier</translation>
    </message>
    <message>
        <source>&amp;Network:</source>
        <translation>Rése&amp;au&#xa0;:</translation>
    </message>
    <message>
        <source>Apply changes memory and CPU at once; the rest after a restart.</source>
        <translation>Appliquer change la mémoire et le CPU aussitôt, le reste après un redémarrage.</translation>
    </message>
    <message>
        <source>Init arguments</source>
        <translation>Arguments d’init</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Separated by blanks; &quot;double quotes&quot; keep an argument with blanks whole, a backslash takes the next character as it is</source>
        <translation>Séparés par des espaces&#xa0;; des &quot;guillemets doubles&quot; gardent entier un argument avec des espaces, une barre oblique inverse prend le caractère suivant tel quel</translation>
    </message>
    <message>
        <source>Arg&amp;uments:</source>
        <translation>Argu&amp;ments&#xa0;:</translation>
    </message>
</context>
<context>
    <name>cubby::SnapshotsDialog</name>
    <message>
        <source>&amp;Take Snapshot…</source>
        <translation>&amp;Prendre un instantané…</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Restaurer…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Snapshots of “%1”</source>
        <translation>Instantanés de «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Instantanés</translation>
    </message>
    <message>
        <source>Keep a copy of the container&apos;s root filesystem as it is now</source>
        <translation>Garder une copie du système de fichiers racine du conteneur tel qu’il est maintenant</translation>
    </message>
    <message>
        <source>Put the selected snapshot in the place of the root filesystem; what changed since is lost</source>
        <translation>Mettre l’instantané sélectionné à la place du système de fichiers racine&#x202f;; ce qui a changé depuis est perdu</translation>
    </message>
    <message>
        <source>Remove the selected snapshot</source>
        <translation>Supprimer l’instantané sélectionné</translation>
    </message>
    <message>
        <source>Snapshots are copies of the stopped container&apos;s root filesystem, kept beside it: reflinks where the filesystem shares blocks, else a full copy.</source>
        <translation>Les instantanés sont des copies du système de fichiers racine du conteneur arrêté, conservées à côté de lui&#xa0;: des reflinks là où le système de fichiers partage des blocs, sinon une copie complète.</translation>
    </message>
    <message>
        <source>Restore the snapshot “%1” of “%2”?</source>
        <translation>Restaurer l’instantané «&#xa0;%1&#xa0;» de «&#xa0;%2&#xa0;»&#x202f;?</translation>
    </message>
    <message>
        <source>The root filesystem is replaced by the snapshot; every change made since it was taken is lost.</source>
        <translation>Le système de fichiers racine est remplacé par l’instantané&#x202f;; toute modification faite depuis sa prise est perdue.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <source>Delete the snapshot “%1”?</source>
        <translation>Supprimer l’instantané «&#xa0;%1&#xa0;»&#x202f;?</translation>
    </message>
    <message>
        <source>The container&apos;s root filesystem stays as it is.</source>
        <translation>Le système de fichiers racine du conteneur reste tel quel.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>The snapshots cannot be listed: %1</source>
        <translation>Les instantanés ne peuvent pas être listés&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>No snapshots yet.</source>
        <translation>Aucun instantané pour l’instant.</translation>
    </message>
    <message>
        <source>Take Snapshot</source>
        <translation>Prendre un instantané</translation>
    </message>
    <message>
        <source>Name of the snapshot:</source>
        <translation>Nom de l’instantané&#xa0;:</translation>
    </message>
    <message>
        <source>Taking the snapshot “%1”…</source>
        <translation>Prise de l’instantané «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>The snapshot “%1” could not be taken</source>
        <translation>L’instantané «&#xa0;%1&#xa0;» n’a pas pu être pris</translation>
    </message>
    <message>
        <source>Restoring the snapshot “%1”…</source>
        <translation>Restauration de l’instantané «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>The snapshot “%1” could not be restored</source>
        <translation>L’instantané «&#xa0;%1&#xa0;» n’a pas pu être restauré</translation>
    </message>
    <message>
        <source>Deleting the snapshot “%1”…</source>
        <translation>Suppression de l’instantané «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>The snapshot “%1” could not be deleted</source>
        <translation>L’instantané «&#xa0;%1&#xa0;» n’a pas pu être supprimé</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Terminé.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
</context>
<context>
    <name>cubby::SummaryPage</name>
    <message>
        <source>&amp;Start it now</source>
        <translation>&amp;Démarrer maintenant</translation>
    </message>
    <message>
        <source>Start at &amp;boot</source>
        <translation>Démarrer avec l&apos;&amp;ordinateur</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Résumé</translation>
    </message>
    <message>
        <source>Create the network with these settings?</source>
        <translation>Créer le réseau avec ces paramètres&#x202f;?</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Subnet</source>
        <translation>Sous-réseau</translation>
    </message>
    <message>
        <source>a free private /24, chosen for you</source>
        <translation>un /24 privé libre, choisi pour vous</translation>
    </message>
    <message>
        <source>DHCP</source>
        <translation>DHCP</translation>
    </message>
    <message>
        <source>on</source>
        <translation>activé</translation>
    </message>
    <message>
        <source>off</source>
        <translation>désactivé</translation>
    </message>
    <message>
        <source>DNS domain</source>
        <translation>Domaine DNS</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>port %1/%2 → container %3, port %4</source>
        <translation>port %1/%2 → conteneur %3, port %4</translation>
    </message>
    <message>
        <source>Port forwards</source>
        <translation>Redirections de ports</translation>
    </message>
    <message>
        <source>IPv6</source>
        <translation>IPv6</translation>
    </message>
    <message>
        <source>a private /64, where this computer has IPv6</source>
        <translation>un /64 privé, là où cet ordinateur a IPv6</translation>
    </message>
    <message>
        <source>This computer&apos;s services</source>
        <translation>Services de cet ordinateur</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>joignables</translation>
    </message>
    <message>
        <source>only DHCP, DNS and ping</source>
        <translation>seulement DHCP, DNS et ping</translation>
    </message>
    <message>
        <source>Local network</source>
        <translation>Réseau local</translation>
    </message>
    <message>
        <source>walled off: internet only</source>
        <translation>cloisonné : Internet seulement</translation>
    </message>
    <message>
        <source>MTU</source>
        <translation>MTU</translation>
    </message>
    <message>
        <source>%1, … (%2 in all)</source>
        <translation>%1, … (%2 en tout)</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1/%2 on %3, port %4</source>
        <translation>%1/%2 sur %3, port %4</translation>
    </message>
    <message>
        <source>%1: “%2”</source>
        <translation>%1&#xa0;: «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>%1 answered here only</source>
        <translation>%1 résolu ici seulement</translation>
    </message>
    <message>
        <source>%1 asked of %2</source>
        <translation>%1 demandé à %2</translation>
    </message>
    <message>
        <source>DNS names</source>
        <translation>Noms DNS</translation>
    </message>
    <message>
        <source>Containers join</source>
        <translation>Les conteneurs rejoignent</translation>
    </message>
    <message>
        <source>this computer&apos;s bridge %1</source>
        <translation>le pont %1 de cet ordinateur</translation>
    </message>
    <message>
        <source>macvlans on %1</source>
        <translation>des macvlans sur %1</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Adresses</translation>
    </message>
    <message>
        <source>from your network&apos;s router</source>
        <translation>du routeur de votre réseau</translation>
    </message>
    <message>
        <source>Starting containers</source>
        <translation>Démarrer des conteneurs</translation>
    </message>
    <message>
        <source>needs an administrator</source>
        <translation>demande un administrateur</translation>
    </message>
</context>
<context>
    <name>cubby::XmlPage</name>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Appliquer</translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation>Ré&amp;tablir</translation>
    </message>
    <message>
        <source>Definition (XML)</source>
        <translation>Définition (XML)</translation>
    </message>
    <message>
        <source>Redefine the container with this text</source>
        <translation>Redéfinir le conteneur avec ce texte</translation>
    </message>
    <message>
        <source>Throw the edit away and show the stored definition</source>
        <translation>Abandonner la modification et afficher la définition enregistrée</translation>
    </message>
    <message>
        <source>Select a container to see its definition.</source>
        <translation>Sélectionnez un conteneur pour voir sa définition.</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Ligne %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Accepted, but not acted on: %1</source>
        <translation>Accepté, mais sans effet&#xa0;: %1</translation>
    </message>
    <message>
        <source>Valid. Apply saves it; the running container takes it at its next start.</source>
        <translation>Valide. « Appliquer » l’enregistre&#xa0;; le conteneur en marche la prendra à son prochain démarrage.</translation>
    </message>
    <message>
        <source>Valid. Apply saves it.</source>
        <translation>Valide. « Appliquer » l’enregistre.</translation>
    </message>
    <message>
        <source>The stored definition. The running container may differ until its next start.</source>
        <translation>La définition enregistrée. Le conteneur en marche peut en différer jusqu’à son prochain démarrage.</translation>
    </message>
    <message>
        <source>The stored definition.</source>
        <translation>La définition enregistrée.</translation>
    </message>
    <message>
        <source>Saved. The running container takes it at its next start.</source>
        <translation>Enregistré. Le conteneur en marche la prendra à son prochain démarrage.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Create and run Linux system containers.</source>
        <translation>Créer et exécuter des conteneurs système Linux.</translation>
    </message>
    <message>
        <source>Run even as root (for tests; not recommended).</source>
        <translation>S&apos;exécuter même en tant que root (pour les tests&#x202f;; déconseillé).</translation>
    </message>
    <message>
        <source>cubby: refusing to run as root. Start Cubby as your own user: it asks for authorization (polkit) when an action needs it. (--allow-root overrides this.)</source>
        <translation>cubby&#xa0;: refus de s&apos;exécuter en tant que root. Lancez Cubby avec votre propre utilisateur&#xa0;: il demande une autorisation (polkit) lorsqu&apos;une action le nécessite. (--allow-root outrepasse ceci.)</translation>
    </message>
    <message>
        <source>cubby: already running here; its window was raised.</source>
        <translation>cubby&#xa0;: déjà en cours d&apos;exécution ici&#x202f;; sa fenêtre a été mise au premier plan.</translation>
    </message>
</context>
</TS>

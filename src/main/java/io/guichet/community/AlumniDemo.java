package io.guichet.community;

import io.guichet.identity.Staff;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo cégep's alumni network: a dozen alumni (signed up and confirmed through the same path as the public
 * page), two groups and a few threads in French, one reply marked helpful.
 */
public final class AlumniDemo {
    private AlumniDemo() {
    }

    public static void seed(Community c) {
        String[][] people = {
                {"Élodie Tremblay", "elodie.tremblay@exemple.ca", "2012", "Techniques de l’informatique", "Montréal", "Ubisoft", "Développeuse", "pédagogie numérique, jeux vidéo", "mentor_teacher,talk_students"},
                {"François Côté", "francois.cote@exemple.ca", "2015", "Sciences humaines", "Québec", "Cégep de Lévis", "Enseignant", "réseaux sociaux, animation de groupe", "host_talk"},
                {"Amélie Gagnon", "amelie.gagnon@exemple.ca", "2018", "Soins infirmiers", "Sherbrooke", "CIUSSS de l’Estrie", "Infirmière", "santé, mentorat", "talk_students,contact_students"},
                {"Jérôme Bouchard", "jerome.bouchard@exemple.ca", "2010", "Techniques de l’informatique", "Laval", "Desjardins", "Analyste", "données, pédagogie numérique", "mentor_teacher"},
                {"Noémie Lévesque", "noemie.levesque@exemple.ca", "2020", "Arts visuels", "Montréal", null, null, "illustration, réseaux sociaux", "host_talk,talk_students"},
                {"Mathéo Pelletier", "matheo.pelletier@exemple.ca", "2016", "Génie mécanique", "Trois-Rivières", "Bombardier", "Technicien", "fabrication, impression 3D", ""},
                {"Léa Bérubé", "lea.berube@exemple.ca", "2014", "Sciences de la nature", "Rimouski", "UQAR", "Chercheuse", "biologie marine", "talk_students"},
                {"Raphaël Fortin", "raphael.fortin@exemple.ca", "2019", "Techniques de comptabilité", "Gatineau", "KPMG", "Comptable", "finances personnelles", "contact_students"},
                {"Chloé Morin", "chloe.morin@exemple.ca", "2011", "Sciences humaines", "Montréal", "Radio-Canada", "Journaliste", "communication, balados", "host_talk,mentor_teacher"},
                {"Gabriel Roy", "gabriel.roy@exemple.ca", "2017", "Techniques de l’informatique", "Québec", "Coveo", "Ingénieur", "intelligence artificielle", "mentor_teacher"},
                {"Zoé Caron", "zoe.caron@exemple.ca", "2021", "Soins infirmiers", "Lévis", null, null, "santé mentale", ""},
                {"Éloïse Dubé", "eloise.dube@exemple.ca", "2013", "Arts visuels", "Montréal", "Musée d’art contemporain", "Médiatrice", "médiation culturelle", "talk_students"}};
        List<Member> members = new ArrayList<>();
        for (String[] p : people) {
            List<String> willing = p[8].isEmpty() ? List.of() : List.of(p[8].split(","));
            Member pending = c.members().doSignUp(new MemberForm(p[0], p[1], "fr", p[2], p[3], p[4], p[5], p[6], null, p[7], willing, true,
                    "profile", "contact", null)).orElseThrow();
            members.add(c.members().doConfirmDirectly(pending.id()));
        }
        Group tech = c.groups().doCreateGroup(Staff.SYSTEM, "anciens-techno", "Anciens en techno", "Les anciens qui travaillent en informatique.", "topic");
        Group profs = c.groups().doCreateGroup(Staff.SYSTEM, "classe-numerique", "La classe en ligne",
                "Enseignant·e·s et ancien·ne·s échangent sur l’enseignement avec le numérique.", "course");
        for (Member m : members) {
            c.groups().doJoin(m, profs.id());
            if (m.programme().contains("informatique")) c.groups().doJoin(m, tech.id());
        }
        Post q1 = c.groups().doStartThread(members.get(1), profs.id(), "Comment animer un groupe de classe en ligne?",
                "Mes étudiant·e·s décrochent sur le forum du cours. Des idées pour animer un groupe de classe en ligne?");
        Post a1 = c.groups().doReply(members.get(0), null, q1.threadId(),
                "Je lance une question courte chaque lundi et je réponds **dans l’heure**. Les étudiant·e·s reviennent quand ils savent que quelqu’un répond.");
        c.groups().doMarkHelpful(Staff.SYSTEM, a1.id(), true);
        c.groups().doStartThread(members.get(9), tech.id(), "Stages d’été en intelligence artificielle",
                "Est-ce que vos entreprises prennent des stagiaires du cégep cet été en intelligence artificielle?");
        Post q3 = c.groups().doStartThread(members.get(4), profs.id(), "Les réseaux sociaux en classe",
                "Utilisez-vous les réseaux sociaux pour les travaux d’équipe? Quelles règles donnez-vous?");
        c.groups().doReply(members.get(8), null, q3.threadId(), "Un groupe fermé par cours, et une charte de trois règles affichée en haut.");
    }
}

package fi.mentoringledger.api.relationship;

/** How the pair keeps in touch, how often they meet, and how they prepare. */
public record GroundRules(@PersonalData String contactChannel, @PersonalData String meetingFrequency,
        @PersonalData String preparation) {
}
